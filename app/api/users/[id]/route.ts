import { changeRole, removeUser } from '@/lib/auth/users';
import { auditAs } from '@/lib/audit/record';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Params = { id: string };
const actorId = (p: { kind: string; userId?: string }) => ({ userId: p.kind === 'session' ? p.userId : undefined });

/** `{ role }`: takes effect on the user's next request. */
export const PATCH = apiRoute<Params>(async (request, { params, services, principal }) => {
  const db = services.database.db;
  const { before, after } = await changeRole(db, actorId(principal!), params.id, await readJson(request));
  await auditAs(services, principal!, 'user.role_changed',
    { id: after.id, name: after.email }, { from: before.role, to: after.role });
  return json(after);
}, { role: 'admin' });

/** Removes the user and ends their sessions. */
export const DELETE = apiRoute<Params>(async (_request, { params, services, principal }) => {
  const db = services.database.db;
  const removed = await removeUser(db, actorId(principal!), params.id);
  await auditAs(services, principal!, 'user.removed',
    { id: removed.id, name: removed.email }, { role: removed.role });
  return new Response(null, { status: 204 });
}, { role: 'admin' });
