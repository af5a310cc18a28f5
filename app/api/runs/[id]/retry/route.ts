import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { retryRun } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>(async (_request, { params, services }) =>
  json(await retryRun(services.database.db, services.producer, params.id)));
