import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

// bigint columns (seq) come back as JS numbers; they stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export function createDatabase(url: string, opts: { max?: number; synchronousCommit?: boolean } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url, max: opts.max ?? 10, idleTimeoutMillis: 30_000,
    ...(opts.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
  });
  pool.on('error', () => { /* a dropped idle client; the next query reconnects */ });
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
