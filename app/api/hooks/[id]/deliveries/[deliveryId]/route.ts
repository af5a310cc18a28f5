import { getDelivery } from '@/lib/hooks/deliveries';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { maskStoredSecrets } from '@/lib/secrets/shown';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string; deliveryId: string }>(async (_request, { params, services }) =>
  json(await maskStoredSecrets(services, await getDelivery(services.database.db, params.id, params.deliveryId))), { role: 'viewer' });
