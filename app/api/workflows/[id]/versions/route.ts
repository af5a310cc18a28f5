import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { listVersions } from '@/lib/workflows/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (_request, { params, services }) =>
  json({ items: await listVersions(services.database.db, params.id) }), { role: 'viewer' });
