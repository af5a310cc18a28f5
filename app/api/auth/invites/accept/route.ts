import { acceptInvite } from '@/lib/auth/invites';
import { sessionResponse } from '@/lib/auth/start-session';
import { auditDeps, recordAudit } from '@/lib/audit/record';
import { requireJsonRequest } from '@/lib/auth/request';
import { readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** `{ token, name, password }`: the invite link's token creates the account (once) and signs it in. */
export const POST = apiRoute(async (request, { services }) => {
  requireJsonRequest(request);
  const db = services.database.db;
  const user = await acceptInvite(db, await readJson(request));
  await recordAudit(auditDeps(services), { kind: 'user', id: user.id, email: user.email, role: user.role }, 'user.joined', { id: user.id, name: user.email }, { role: user.role });
  return sessionResponse(db, request, user, 201);
}, { public: true });
