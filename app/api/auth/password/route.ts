import { sessionTokenOf } from '@/lib/auth/request';
import { changePassword } from '@/lib/auth/users';
import { auditAs } from '@/lib/audit/record';
import { ApiError } from '@/lib/http/errors';
import { readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** `{ currentPassword, newPassword }`: changes your own password and ends your other sessions. */
export const POST = apiRoute(async (request, { services, principal }) => {
  if (principal?.kind !== 'session') throw new ApiError('forbidden', 'only a signed-in person has a password to change');
  const db = services.database.db;
  await changePassword(db, principal, await readJson(request), sessionTokenOf(request)!);
  await auditAs(services, principal!, 'user.password_changed', { id: principal.userId, name: principal.email });
  return new Response(null, { status: 204 });
}, { role: 'viewer' });
