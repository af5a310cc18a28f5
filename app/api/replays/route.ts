import { z } from 'zod';
import { actorLabel } from '@/lib/auth/principal';
import { json, readJson } from '@/lib/http/respond';
import { limitParam, parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { createReplay } from '@/lib/replays/create';
import { listReplays } from '@/lib/replays/queries';

export const dynamic = 'force-dynamic';

/** SPEC §4: `{ from, to, type?, source?, workflowIds?, version, cascade?, dryRun? }`; a dry run answers 200 with the counts. */
export const POST = apiRoute(async (request, { services, principal }) => {
  const deps = { db: services.database.db, producer: services.producer, queues: services.queues, logger: services.logger };
  const result = await createReplay(deps, await readJson(request), principal ? actorLabel(principal) : null);
  return json(result, 'dryRun' in result ? 200 : 201);
}, { role: 'editor' });

const listQuery = z.object({
  kind: z.enum(['replay', 'shadow', 'resend']).optional(),
  status: z.enum(['running', 'paused', 'cancelled', 'completed', 'failed']).optional(),
  limit: limitParam,
  cursor: z.string().optional(),
});

export const GET = apiRoute(async (request, { services }) =>
  json(await listReplays(services.database.db, parseQuery(request, listQuery))), { role: 'viewer' });
