import { hookDeps, requestOrigin } from '@/lib/hooks/deps';
import { receiveDelivery } from '@/lib/hooks/receive';
import { deleteHook, getHook, loadedHook, loadHookRow, updateHook } from '@/lib/hooks/service';
import { notFound } from '@/lib/http/errors';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export const GET = apiRoute<Params>(async (request, { params, services }) =>
  json(await getHook(await hookDeps(services), params.id, requestOrigin(request))), { role: 'viewer' });

export const PUT = apiRoute<Params>(async (request, { params, services }) =>
  json(await updateHook(await hookDeps(services), params.id, await readJson(request), requestOrigin(request))), { role: 'editor', audit: 'hook.updated' });

export const DELETE = apiRoute<Params>(async (_request, { params, services }) => {
  await deleteHook(services.database.db, params.id);
  return new Response(null, { status: 204 });
}, { role: 'editor', audit: 'hook.deleted' });

/** The public receiving end: verified by the endpoint's scheme, not by an API key. */
export const POST = apiRoute<Params>(async (request, { params, services }) => {
  const deps = await hookDeps(services);
  const row = await loadHookRow(deps.db, params.id);
  if (!row) throw notFound('webhook endpoint');
  return receiveDelivery(deps, loadedHook(deps, row, deps.now()), request);
}, { public: true });
