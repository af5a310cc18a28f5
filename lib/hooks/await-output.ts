import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { RespondOptions } from './document';

type Sync = Extract<RespondOptions, { mode: 'sync' }>;

export type AwaitedOutput = { found: true; output: unknown } | { found: false; reason: 'timeout' | 'no-run' | 'step-not-succeeded' };

interface Snapshot {
  routed: boolean;
  runs: { status: string; step_status: string | null; output: unknown }[];
}

async function snapshot(db: Db, seq: number, respond: Sync): Promise<Snapshot> {
  const workflow = respond.workflowId ? sql`and r.workflow_id = ${respond.workflowId}` : sql``;
  const { rows } = await db.execute<{ routed: boolean; status: string | null; step_status: string | null; output: unknown }>(sql`
    select e.routed_at is not null as routed, r.status, s.status as step_status, s.output
    from events e
    left join runs r on r.event_seq = e.seq and r.replay_of is null ${workflow}
    left join steps s on s.run_id = r.id and s.node_id = ${respond.nodeId}
    where e.seq = ${seq}`);
  return {
    routed: rows[0]?.routed ?? false,
    runs: rows.filter((r) => r.status !== null).map((r) => ({ status: r.status!, step_status: r.step_status, output: r.output })),
  };
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);
const STEP_ENDED = new Set(['failed', 'skipped']);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/**
 * Polls the database until the chosen step of a run the event started has succeeded (its
 * output answers the delivery), or it is clear that it never will, or the time is up.
 */
export async function awaitStepOutput(db: Db, seq: number, respond: Sync, signal?: AbortSignal): Promise<AwaitedOutput> {
  const deadline = Date.now() + respond.respondTimeoutMs;
  for (let interval = 20; ; interval = Math.min(interval * 1.5, 250)) {
    const now = await snapshot(db, seq, respond);
    const done = now.runs.find((r) => r.step_status === 'succeeded');
    if (done) return { found: true, output: done.output };
    if (now.routed && now.runs.length === 0) return { found: false, reason: 'no-run' };
    if (now.routed && now.runs.every((r) => ENDED.has(r.status) || (r.step_status !== null && STEP_ENDED.has(r.step_status)))) {
      return { found: false, reason: 'step-not-succeeded' };
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return { found: false, reason: 'timeout' };
    await sleep(Math.min(interval, left), signal);
  }
}
