import { revokeApiKey } from '@/lib/auth/api-keys';
import { auditAs } from '@/lib/audit/record';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Revokes the key: the next request with it is refused. The row stays, for the list and the audit trail. */
export const DELETE = apiRoute<{ id: string }>(async (_request, { params, services, principal }) => {
  const db = services.database.db;
  const revoked = await revokeApiKey(db, params.id);
  await auditAs(services, principal!, 'key.revoked', { id: revoked.id, name: revoked.name });
  return json(revoked);
}, { role: 'admin' });
