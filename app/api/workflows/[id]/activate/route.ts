import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { createScheduleSync } from '@/lib/workflows/schedules';
import { activateWorkflow } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>(async (_request, { params, services }) =>
  json(await activateWorkflow(services.database.db, createScheduleSync(services.queues), params.id)), { role: 'editor', audit: 'workflow.activated' });
