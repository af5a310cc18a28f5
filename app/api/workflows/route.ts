import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { createWorkflow, listWorkflows } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (_request, { services }) => json({ items: await listWorkflows(services.database.db) }), { role: 'viewer' });

export const POST = apiRoute(async (request, { services }) =>
  json(await createWorkflow(services.database.db, await readJson(request)), 201), { role: 'editor', audit: 'workflow.created' });
