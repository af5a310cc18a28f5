import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IngestError, parseEventsRequest } from '@/lib/events/ingest';
import { listEvents, withRunCounts } from '@/lib/events/query';
import { ApiError } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { limitParam, parseQuery, timeParam } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { isValidTypePattern } from '@/lib/engine/type-pattern';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(async (request, { services }) => {
  let parsed;
  try {
    parsed = await parseEventsRequest(request, { maxBytes: services.env.CAUSEWAY_MAX_EVENT_BYTES, generateId: randomUUID });
  } catch (err) {
    if (err instanceof IngestError) throw new ApiError(err.code, err.message, undefined, err.status);
    throw err;
  }
  const results = await services.append(parsed.events);
  const body = results.map((r) => ({ id: r.id, seq: r.seq, duplicate: r.duplicate }));
  const status = results.some((r) => !r.duplicate) ? 202 : 200;
  return json(parsed.batch ? body : body[0], status);
}, { role: 'editor' });

const listQuery = z.object({
  type: z.string().refine(isValidTypePattern, 'is not a valid type pattern').optional(),
  source: z.string().optional(),
  subject: z.string().optional(),
  correlationId: z.string().optional(),
  after: timeParam.optional(),
  before: timeParam.optional(),
  limit: limitParam,
  cursor: z.string().optional(),
});

export const GET = apiRoute(async (request, { services }) => {
  const db = services.database.db;
  const page = await listEvents(db, parseQuery(request, listQuery));
  return json({ ...page, items: await withRunCounts(db, page.items) });
}, { role: 'viewer' });
