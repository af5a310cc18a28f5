import { sql } from 'drizzle-orm';
import { apiRoute } from '@/lib/http/route';
import { json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

export const GET = apiRoute(async (_request, { services }) => {
  const [db, redis] = await Promise.all([
    within(services.database.db.execute(sql`select 1`), 2000).then(() => 'ok', () => 'down'),
    within(services.queues.connection.ping(), 2000).then(() => 'ok', () => 'down'),
  ]);
  return json({ db, redis }, db === 'ok' && redis === 'ok' ? 200 : 503);
}, { public: true });
