import { randomUUID } from 'node:crypto';
import { appendEvents } from '@/lib/events/append';
import { ApiError } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { manualSource } from '@/lib/runs/route-event';
import { getWorkflow, liveDocument } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';

/** Starts a workflow's `trigger.manual` with a payload; the start is logged as an event. */
export const POST = apiRoute<{ id: string }>(async (request, { params, services }) => {
  const workflow = await getWorkflow(services.database.db, params.id);
  // the live version decides (the draft may differ); an inactive workflow is judged by its draft
  const live = workflow.active ? await liveDocument(services.database.db, workflow.id) : null;
  if (!(live ?? workflow).nodes.some((n) => n.type === 'trigger.manual')) {
    throw new ApiError('unprocessable', 'this workflow has no trigger.manual node');
  }
  if (!workflow.active) throw new ApiError('conflict', 'activate the workflow before starting it');
  const text = await request.text();
  let data: unknown = {};
  if (text) {
    try { data = JSON.parse(text); } catch { throw new ApiError('invalid_json', 'the payload is not valid JSON'); }
  }
  const [result] = await appendEvents({ db: services.database.db, producer: services.producer }, [{
    id: randomUUID(), source: manualSource(workflow.id), type: 'causeway.manual', data, datacontenttype: 'application/json',
  }]);
  return json({ id: result.id, seq: result.seq, duplicate: false }, 202);
}, { role: 'editor' });
