import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { cancelRun } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>(async (_request, { params, services }) => json(await cancelRun(services.database.db, params.id)));
