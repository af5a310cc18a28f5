import { revokeInvite } from '@/lib/auth/invites';
import { auditAs } from '@/lib/audit/record';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const DELETE = apiRoute<{ id: string }>(async (_request, { params, services, principal }) => {
  const db = services.database.db;
  const invite = await revokeInvite(db, params.id);
  await auditAs(services, principal!, 'invite.revoked', { id: invite.id, name: invite.email });
  return new Response(null, { status: 204 });
}, { role: 'admin' });
