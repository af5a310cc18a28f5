import pg from 'pg';
import { nowMs } from '../stats';
import type { CaseContext } from './context';

/** Raw PostgreSQL: single-row insert commits per second (autocommit) from N connections, for a fixed time. */
export async function postgresBaseline(ctx: CaseContext): Promise<void> {
  const { connections, seconds } = ctx.config.pgInsert;
  const db = await ctx.infra.createDatabase('pg_insert');
  const stop = ctx.cleanup.add(`database ${db.name}`, db.drop);
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: db.url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    await clients[0].query(`create table bench_insert (id bigserial primary key, source text not null, type text not null,
      data jsonb, received_at timestamptz not null default clock_timestamp())`);
    let commits = 0;
    const start = nowMs();
    const deadline = start + seconds * 1000;
    await Promise.all(clients.map(async (client, c) => {
      for (let i = 0; nowMs() < deadline; i++) {
        await client.query('insert into bench_insert (source, type, data) values ($1, $2, $3)', ['/bench', 'bench.insert', { n: i, c }]);
        commits++;
      }
    }));
    const elapsed = (nowMs() - start) / 1000;
    ctx.results.add('baseline', {
      id: 'pg.insert', label: `PostgreSQL single-row insert commits, ${connections} connections`, value: commits / elapsed, unit: 'commits/s',
    });
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await stop();
  }
}
