import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { getReplay } from '@/lib/replays/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (_request, { params, services }) =>
  json(await getReplay(services.database.db, params.id)), { role: 'viewer' });
