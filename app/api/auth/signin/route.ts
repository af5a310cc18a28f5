import { clientAddress } from '@/lib/auth/cookies';
import { checkSignin } from '@/lib/auth/signin';
import { sessionResponse } from '@/lib/auth/start-session';
import type { Role } from '@/lib/auth/roles';
import { auditDeps, recordAudit } from '@/lib/audit/record';
import { requireJsonRequest } from '@/lib/auth/request';
import { readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(async (request, { services }) => {
  requireJsonRequest(request);
  const db = services.database.db;
  const address = clientAddress(request.headers);
  const user = await checkSignin(db, await readJson(request), address);
  await recordAudit(auditDeps(services), { kind: 'user', id: user.id, email: user.email, role: user.role as Role }, 'user.signed_in', { id: user.id, name: user.email }, { address });
  return sessionResponse(db, request, user);
}, { public: true });
