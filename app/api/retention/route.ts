import { z } from 'zod';
import { actorLabel } from '@/lib/auth/principal';
import { json, readJson } from '@/lib/http/respond';
import { parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { deletePolicy, listPolicies, putPolicy } from '@/lib/retention/policies';

export const dynamic = 'force-dynamic';

/** Retention per event type (pattern); types without a policy are kept forever. */
export const GET = apiRoute(async (_request, { services }) =>
  json({ default: 'forever', policies: await listPolicies(services.database.db) }), { role: 'viewer' });

/** `{ type, keep }`: keep events of the type for a duration ("30d"), or null for forever. */
export const PUT = apiRoute(async (request, { services, principal }) =>
  json(await putPolicy(services.database.db, await readJson(request), principal ? actorLabel(principal) : null)), { role: 'editor' });

export const DELETE = apiRoute(async (request, { services }) => {
  const { type } = parseQuery(request, z.object({ type: z.string().min(1) }));
  await deletePolicy(services.database.db, type);
  return json({ deleted: type });
}, { role: 'editor' });
