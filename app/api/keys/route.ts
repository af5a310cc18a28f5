import { createApiKey, listApiKeys, newApiKeySchema } from '@/lib/auth/api-keys';
import { actorLabel } from '@/lib/auth/principal';
import { auditAs } from '@/lib/audit/record';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (_request, { services }) => json({ items: await listApiKeys(services.database.db) }), { role: 'admin' });

/** `{ name, role, expiresAt? }`: answers the key itself, the only time it is shown. */
export const POST = apiRoute(async (request, { services, principal }) => {
  const input = newApiKeySchema.parse(await readJson(request));
  const db = services.database.db;
  const created = await createApiKey(db, { ...input, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null, createdBy: actorLabel(principal!) });
  await auditAs(services, principal!, 'key.created',
    { id: created.id, name: created.name }, { role: created.role, expiresAt: created.expiresAt });
  return json(created, 201, { 'cache-control': 'no-store' });
}, { role: 'admin' });
