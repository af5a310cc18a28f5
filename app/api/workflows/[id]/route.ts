import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { createScheduleSync } from '@/lib/workflows/schedules';
import { deleteWorkflow, getWorkflow, updateWorkflow } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export const GET = apiRoute<Params>(async (_request, { params, services }) => json(await getWorkflow(services.database.db, params.id)), { role: 'viewer' });

export const PUT = apiRoute<Params>(async (request, { params, services }) =>
  json(await updateWorkflow(services.database.db, params.id, await readJson(request))), { role: 'editor', audit: 'workflow.updated' });

export const DELETE = apiRoute<Params>(async (_request, { params, services }) => {
  await deleteWorkflow(services.database.db, createScheduleSync(services.queues), params.id);
  return new Response(null, { status: 204 });
}, { role: 'editor', audit: 'workflow.deleted' });
