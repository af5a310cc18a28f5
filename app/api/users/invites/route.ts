import { createInvite, listOpenInvites } from '@/lib/auth/invites';
import { publicOrigin } from '@/lib/auth/origin';
import { actorLabel } from '@/lib/auth/principal';
import { auditAs } from '@/lib/audit/record';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (_request, { services }) => json({ items: await listOpenInvites(services.database.db) }), { role: 'admin' });

/** `{ email, role }`: answers the invite link (`url`, and `path` on this site), the only time it is shown; it works once, for 7 days. */
export const POST = apiRoute(async (request, { services, principal }) => {
  const db = services.database.db;
  const invite = await createInvite(db, await readJson(request), actorLabel(principal!));
  await auditAs(services, principal!, 'invite.created',
    { id: invite.id, name: invite.email }, { role: invite.role });
  const { token: _token, path, ...rest } = invite;
  return json({ ...rest, path, url: new URL(path, publicOrigin(request)).toString() }, 201, { 'cache-control': 'no-store' });
}, { role: 'admin' });
