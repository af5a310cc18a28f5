import { getDelivery } from '@/lib/hooks/deliveries';
import { hookDeps } from '@/lib/hooks/deps';
import { resendDelivery } from '@/lib/hooks/receive';
import { loadedHook, loadHookRow } from '@/lib/hooks/service';
import { notFound } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Sends a logged delivery through its endpoint again; answers with the new delivery. */
export const POST = apiRoute<{ id: string; deliveryId: string }>(async (_request, { params, services }) => {
  const deps = await hookDeps(services);
  const row = await loadHookRow(deps.db, params.id);
  if (!row) throw notFound('webhook endpoint');
  const sent = await resendDelivery(deps, loadedHook(deps, row, deps.now()), params.deliveryId);
  return json(sent.id === null ? { status: sent.status } : await getDelivery(deps.db, row.id, sent.id), 201);
}, { role: 'editor' });
