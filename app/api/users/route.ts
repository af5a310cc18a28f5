import { listUsers } from '@/lib/auth/users';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (_request, { services }) => json({ items: await listUsers(services.database.db) }), { role: 'admin' });
