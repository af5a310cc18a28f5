import { actorLabel } from '@/lib/auth/principal';
import { auditAs } from '@/lib/audit/record';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { secretDeps } from '@/lib/secrets/deps';
import { deleteSecret, replaceSecret } from '@/lib/secrets/store';

export const dynamic = 'force-dynamic';

type Params = { name: string };

/** `{ value }`: replaces the value; steps that start after this use the new one. */
export const PUT = apiRoute<Params>(async (request, { params, services, principal }) => {
  const { id, ...updated } = await replaceSecret(await secretDeps(services), params.name, await readJson(request), actorLabel(principal!));
  await auditAs(services, principal!, 'secret.updated', { id, name: updated.name });
  return json(updated);
}, { role: 'admin' });

export const DELETE = apiRoute<Params>(async (_request, { params, services, principal }) => {
  const removed = await deleteSecret(services.database.db, params.name);
  await auditAs(services, principal!, 'secret.deleted', removed);
  return new Response(null, { status: 204 });
}, { role: 'admin' });
