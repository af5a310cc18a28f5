import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Who is calling: the signed-in person or the API key, with the role. */
export const GET = apiRoute(async (_request, { principal }) => {
  const p = principal!;
  return json(p.kind === 'session'
    ? { kind: 'user', id: p.userId, email: p.email, name: p.name, role: p.role, isOwner: p.isOwner }
    : { kind: 'api-key', id: p.keyId, name: p.name, role: p.role });
}, { role: 'viewer' });
