import type { Infra } from './infra';
import { BENCH_SQL } from './run-timing';
import { sleep } from './stats';

export interface StatementTotals {
  /** Statements executed (pg_stat_statements, harness queries left out), when available. */
  statements?: number;
  top?: { calls: number; msPerCall: number; query: string }[];
  /** Committed transactions, rows inserted and updated (pg_stat_database). */
  commits: number;
  inserted: number;
  updated: number;
}

/** Sessions flush their cumulative statistics when they end, idle ones about once a second. */
const FLUSH_MS = 1_500;

interface DbCounters { commits: number; inserted: number; updated: number }

async function dbCounters(infra: Infra, dbName: string): Promise<DbCounters> {
  const { rows: [row] } = await infra.admin<{ commits: number; inserted: number; updated: number }>(`
    select xact_commit::float8 as commits, tup_inserted::float8 as inserted, tup_updated::float8 as updated
    from pg_stat_database where datname = $1`, [dbName]);
  return row;
}

/** Counts what PostgreSQL does for one database between `start()` and `stop()`. */
export async function startStatementCount(infra: Infra, dbName: string): Promise<{ stop(): Promise<StatementTotals> }> {
  await sleep(FLUSH_MS); // let what came before (warm-up) reach the counters first
  if (infra.statements) await infra.admin('select pg_stat_statements_reset()');
  const before = await dbCounters(infra, dbName);
  return {
    async stop() {
      await sleep(FLUSH_MS);
      const after = await dbCounters(infra, dbName);
      const totals: StatementTotals = {
        commits: after.commits - before.commits,
        inserted: after.inserted - before.inserted,
        updated: after.updated - before.updated,
      };
      if (infra.statements) {
        const { rows } = await infra.admin<{ calls: number; ms: number; query: string }>(`
          select s.calls::float8 as calls, s.total_exec_time::float8 as ms, s.query from pg_stat_statements s join pg_database d on d.oid = s.dbid
          where d.datname = $1 and s.query not like $2 order by s.total_exec_time desc`, [dbName, `%${BENCH_SQL}%`]);
        totals.statements = rows.reduce((sum, r) => sum + r.calls, 0);
        totals.top = rows.slice(0, 15).map((r) => ({ calls: r.calls, msPerCall: r.ms / r.calls, query: r.query.replace(/\s+/g, ' ').slice(0, 240) }));
      }
      return totals;
    },
  };
}
