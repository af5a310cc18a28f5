import { actorLabel } from '@/lib/auth/principal';
import { auditAs } from '@/lib/audit/record';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { secretDeps } from '@/lib/secrets/deps';
import { createSecret, listSecrets } from '@/lib/secrets/store';

export const dynamic = 'force-dynamic';

/** Names and dates only: no API ever answers a secret's value. Editors need the names for `{{ secrets.NAME }}`. */
export const GET = apiRoute(async (_request, { services }) => json({ items: await listSecrets(services.database.db) }), { role: 'editor' });

/** `{ name, value }`: stored encrypted; answers the name, never the value. */
export const POST = apiRoute(async (request, { services, principal }) => {
  const { id, ...created } = await createSecret(await secretDeps(services), await readJson(request), actorLabel(principal!));
  await auditAs(services, principal!, 'secret.created', { id, name: created.name });
  return json(created, 201);
}, { role: 'admin' });
