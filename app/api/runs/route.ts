import { z } from 'zod';
import { json } from '@/lib/http/respond';
import { limitParam, parseQuery, timeParam } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { findEvent } from '@/lib/events/query';
import { listRuns } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

const query = z.object({
  workflowId: z.uuid().optional(),
  status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']).optional(),
  eventId: z.string().optional(),
  eventSource: z.string().optional(),
  after: timeParam.optional(),
  before: timeParam.optional(),
  limit: limitParam,
  cursor: z.string().optional(),
});

export const GET = apiRoute(async (request, { services }) => {
  const q = parseQuery(request, query);
  const db = services.database.db;
  let eventSeq: number | undefined;
  if (q.eventId) {
    const found = await findEvent(db, q.eventId, q.eventSource);
    if (found.kind !== 'found') return json({ items: [], nextCursor: null });
    eventSeq = found.event.seq;
  }
  return json(await listRuns(db, { ...q, eventSeq }));
}, { role: 'viewer' });
