import { z } from 'zod';
import { ApiError } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { limitParam, parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { findReplay } from '@/lib/replays/queries';
import { shadowResultsPage, shadowSummary } from '@/lib/shadow/results';

export const dynamic = 'force-dynamic';

const query = z.object({
  all: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  nodeId: z.string().min(1).optional(),
  limit: limitParam,
  cursor: z.string().optional(),
});

/** A shadow replay's comparison: per node how many runs were same / changed / new / missing, and the runs that differ. */
export const GET = apiRoute<{ id: string }>(async (request, { params, services }) => {
  const q = parseQuery(request, query);
  const db = services.database.db;
  const replay = await findReplay(db, params.id);
  if (replay.kind !== 'shadow') throw new ApiError('bad_request', 'only a shadow replay (version "draft") has a diff');
  const [nodes, results] = await Promise.all([shadowSummary(db, replay.id), shadowResultsPage(db, replay.id, q)]);
  return json({ replayId: replay.id, status: replay.status, nodes, ...results });
}, { role: 'viewer' });
