import { z } from 'zod';
import { json } from '@/lib/http/respond';
import { limitParam, parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { listReplayRuns } from '@/lib/replays/queries';

export const dynamic = 'force-dynamic';

const query = z.object({
  status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']).optional(),
  limit: limitParam,
  cursor: z.string().optional(),
});

/** The runs a replay started, each linked to its event and to the original run it replays. */
export const GET = apiRoute<{ id: string }>(async (request, { params, services }) =>
  json(await listReplayRuns(services.database.db, params.id, parseQuery(request, query))), { role: 'viewer' });
