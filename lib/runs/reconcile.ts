import { sql } from 'drizzle-orm';
import type { StepStatus } from '@/db/schema';
import type { QueueSet } from '@/lib/jobs/queues';
import { routeJobs } from '@/lib/events/route-jobs';
import { dispatchSteps, stepJobId, type StepDispatch } from './step-jobs';
import { scanLogForWait, unscannedWaits, type WaitDeps } from './waits';

const BATCH = 500;

export interface ReconcileDeps extends WaitDeps {
  queues: QueueSet;
}

export interface ReconcileReport {
  routed: number;
  steps: number;
  waitsScanned: number;
}

/**
 * PostgreSQL is the record and Redis carries the work: this pass re-adds the job for anything the
 * database shows as open but no live job carries (a crash between commit and enqueue, a job that
 * hit BullMQ's stall limit, a Redis that lost its data). Re-adding is safe: job ids deduplicate
 * against live jobs and every processor is idempotent on the stored state.
 */
export async function reconcile(deps: ReconcileDeps, graceSeconds = 5): Promise<ReconcileReport> {
  const unrouted = await deps.db.execute<{ seq: number }>(sql`
    select seq from events where routed_at is null and received_at < now() - make_interval(secs => ${graceSeconds})
    order by seq limit ${BATCH}`);
  await deps.producer.addBulk('route', routeJobs(unrouted.rows.map((r) => Number(r.seq))));

  const open = await deps.db.execute<{ run_id: string; node_id: string; status: StepStatus; attempt: number; due_at: Date | null; wait_status: string | null }>(sql`
    select s.run_id, s.node_id, s.status, s.attempt, s.due_at, w.status as wait_status
    from steps s
    join runs r on r.id = s.run_id
    left join waits w on w.run_id = s.run_id and w.node_id = s.node_id
    where s.status in ('pending', 'running', 'waiting')
      and r.status not in ('succeeded', 'failed', 'cancelled')
      and s.updated_at < now() - make_interval(secs => ${graceSeconds})
      and ((s.status = 'pending' and (s.due_at is null or s.due_at < now() - make_interval(secs => ${graceSeconds})))
        or (s.status = 'running' and s.updated_at < now() - make_interval(secs => ${graceSeconds * 3}))
        or (s.status = 'waiting' and (w.status in ('received', 'timeout') or s.due_at < now() - make_interval(secs => ${graceSeconds}))))
    order by s.updated_at limit ${BATCH}`);

  const queue = deps.queues.queue('steps');
  const missing: StepDispatch[] = [];
  for (const s of open.rows) {
    const resumed = s.status === 'waiting' && s.wait_status === 'received';
    const id = stepJobId(s.run_id, s.node_id, s.status, s.attempt, resumed);
    const job = await queue.getJob(id);
    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed') continue;
      await job.remove().catch(() => {});
    }
    missing.push({ runId: s.run_id, nodeId: s.node_id, status: s.status, attempt: s.attempt, resumed });
  }
  await dispatchSteps(deps.producer, missing);

  const unscanned = await unscannedWaits(deps.db, graceSeconds, BATCH);
  for (const w of unscanned) await scanLogForWait(deps, w.runId, w.nodeId);
  return { routed: unrouted.rows.length, steps: missing.length, waitsScanned: unscanned.length };
}
