import type { Database } from '@/db/client';
import { pollUntil } from './stats';

/** Harness queries carry this comment so statement counts can leave them out. */
export const BENCH_SQL = '/* bench */';

let issued = 0;
/** How many queries (each its own transaction) the harness has sent, to subtract from commit counts. */
export const harnessQueries = () => issued;

async function query<T>(database: Database, text: string, values: unknown[] = []): Promise<T[]> {
  issued++;
  const result = await database.pool.query(`${BENCH_SQL} ${text}`, values);
  return result.rows as T[];
}

/** What waiting needs from a deployment: its database, and a way to notice that a process died. */
export interface Watched {
  database: Database;
  /** Throws when a worker or web process has exited; `describe` gives their output tails. */
  assertAlive(): void;
  describe(): string;
}

/** Waits until the runs of the events with seq in [fromSeq, toSeq] have all ended; throws on timeout, a dead process or failed runs. */
export async function waitForRuns(stack: Watched, range: { fromSeq: number; toSeq: number; expected: number }, timeoutMs: number, intervalMs = 200): Promise<void> {
  let last = { done: 0, failed: 0 };
  await pollUntil(async () => {
    stack.assertAlive();
    const [row] = await query<{ done: number; failed: number }>(stack.database, `
      select count(*) filter (where status in ('succeeded', 'failed', 'cancelled'))::int as done,
             count(*) filter (where status in ('failed', 'cancelled'))::int as failed
      from runs where event_seq between $1 and $2`, [range.fromSeq, range.toSeq]);
    last = row;
    return row.done >= range.expected ? true : undefined;
  }, { timeoutMs, intervalMs, what: `${range.expected} runs to end` }).catch((err: Error) => {
    throw new Error(`${err.message} (${last.done} ended)\n${stack.describe()}`);
  });
  if (last.failed > 0) throw new Error(`${last.failed} of ${range.expected} runs failed`);
}

/** Runs ended and the span from the first event's receipt to the last run's end, over an event seq range. */
export async function runSpan(database: Database, fromSeq: number, toSeq: number): Promise<{ runs: number; seconds: number }> {
  const [row] = await query<{ runs: number; seconds: number }>(database, `
    select count(*)::int as runs, extract(epoch from max(r.finished_at) - min(e.received_at))::float8 as seconds
    from runs r join events e on e.seq = r.event_seq
    where r.event_seq between $1 and $2 and r.status = 'succeeded'`, [fromSeq, toSeq]);
  return row;
}

/** Per run: ms from the event's receipt to the start of `nodeId`, and to the run's end. */
export async function runLatencies(database: Database, fromSeq: number, toSeq: number, nodeId: string): Promise<{ toStart: number[]; toEnd: number[] }> {
  const rows = await query<{ to_start: number; to_end: number }>(database, `
    select extract(epoch from s.started_at - e.received_at)::float8 * 1000 as to_start,
           extract(epoch from r.finished_at - e.received_at)::float8 * 1000 as to_end
    from runs r join events e on e.seq = r.event_seq join steps s on s.run_id = r.id and s.node_id = $3
    where r.event_seq between $1 and $2 and r.status = 'succeeded'`, [fromSeq, toSeq, nodeId]);
  return { toStart: rows.map((r) => r.to_start), toEnd: rows.map((r) => r.to_end) };
}

/** Waits for the runs of one event; returns the ms from its receipt to the end of the last of them. */
export async function waitForEventRuns(stack: Watched, seq: number, expected: number, timeoutMs: number): Promise<{ toLastEndMs: number }> {
  await waitForRuns(stack, { fromSeq: seq, toSeq: seq, expected }, timeoutMs, 5);
  const rows = await query<{ to_end: number }>(stack.database, `
    select extract(epoch from r.finished_at - e.received_at)::float8 * 1000 as to_end
    from runs r join events e on e.seq = r.event_seq where r.event_seq = $1`, [seq]);
  return { toLastEndMs: Math.max(...rows.map((r) => r.to_end)) };
}

export async function countSucceeded(database: Database): Promise<number> {
  const [row] = await query<{ n: number }>(database, `select count(*)::int as n from runs where status = 'succeeded'`);
  return row.n;
}
