import { setupOwner } from '@/lib/auth/users';
import { sessionResponse } from '@/lib/auth/start-session';
import { auditDeps, recordAudit } from '@/lib/audit/record';
import { requireJsonRequest } from '@/lib/auth/request';
import { readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** First start only: creates the owner account and signs it in; 409 once any user exists. */
export const POST = apiRoute(async (request, { services }) => {
  requireJsonRequest(request);
  const db = services.database.db;
  const owner = await setupOwner(db, await readJson(request));
  await recordAudit(auditDeps(services), { kind: 'user', id: owner.id, email: owner.email, role: owner.role }, 'user.created', { id: owner.id, name: owner.email }, { role: owner.role, owner: true });
  return sessionResponse(db, request, owner, 201);
}, { public: true });
