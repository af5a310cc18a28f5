import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { getRun } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (_request, { params, services }) => json(await getRun(services.database.db, params.id)), { role: 'viewer' });
