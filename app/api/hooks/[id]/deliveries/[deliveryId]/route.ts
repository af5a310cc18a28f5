import { getDelivery } from '@/lib/hooks/deliveries';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string; deliveryId: string }>(async (_request, { params, services }) =>
  json(await getDelivery(services.database.db, params.id, params.deliveryId)));
