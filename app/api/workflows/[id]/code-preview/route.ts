import { previewCode } from '@/lib/code-preview/service';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/**
 * Runs a code node's source once, on a worker, against the workflow's latest matching event and
 * its latest run's step outputs: `{ nodeId, source?, config? }` → 200 with the result and logs or
 * the error (line, column, limit); 503 when no worker answers in time.
 */
export const POST = apiRoute<{ id: string }>(async (request, { params, services }) =>
  json(await previewCode({ db: services.database.db, queues: services.queues }, params.id, await readJson(request))), { role: 'editor' });
