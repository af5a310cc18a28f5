import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { stepDetail } from '@/lib/live/run-view';

export const dynamic = 'force-dynamic';

/** One step of a run with its input and output (the run page loads its steps without them). */
export const GET = apiRoute<{ id: string; nodeId: string }>(async (_request, { params, services }) =>
  json(await stepDetail(services.database.db, params.id, params.nodeId)), { role: 'viewer' });
