import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runs, steps, waits } from '@/db/schema';
import { planNext } from '@/lib/engine/plan';
import type { RunChanges } from '@/lib/live/changes';
import type { RunStatus } from '@/db/schema';
import { finishedMap, isBlockingFailure, isOpenStep, isTerminalRun, type RunRow } from './run-state';
import type { StepDispatch } from './step-jobs';
import type { LoadedVersion } from './versions';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * FOR NO KEY UPDATE, not FOR UPDATE: a step settling without the lock inserts its successors, whose
 * foreign key takes a KEY SHARE on the run while that step's row is held; FOR UPDATE would wait on
 * that and deadlock with it.
 */
export async function lockRun(tx: Tx, runId: string): Promise<RunRow | undefined> {
  const [run] = await tx.select().from(runs).where(eq(runs.id, runId)).for('no key update');
  return run;
}

/**
 * A condition that is always true but takes the run's row lock (when the run is in one of `statuses`)
 * before the statement touches any step row: PostgreSQL evaluates it once, up front. Statements that
 * change a step and then its run use it, so every writer locks a run before its steps and a
 * cancel (run, then steps) cannot deadlock with them.
 */
export const lockRunFirst = (runId: string, statuses: RunStatus[]) => sql`(select count(*) from (
  select 1 from runs where id = ${runId} and status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)}) for no key update) l) >= 0`;

/**
 * With the run row locked: creates the steps that became ready or skipped and settles the run's
 * status. Completions of parallel branches are serialised by the lock, so a join is planned once.
 */
export async function advanceLocked(tx: Tx, run: RunRow, version: LoadedVersion, changes?: RunChanges): Promise<StepDispatch[]> {
  changes?.confirm();
  if (isTerminalRun(run.status)) return [];
  const rows = await tx.select({ nodeId: steps.nodeId, status: steps.status, handle: steps.handle, error: steps.error })
    .from(steps).where(eq(steps.runId, run.id));

  const blocking = rows.find(isBlockingFailure);
  if (blocking) {
    await tx.update(runs).set({
      status: 'failed', finishedAt: sql`clock_timestamp()`, updatedAt: sql`clock_timestamp()`,
      error: { nodeId: blocking.nodeId, ...(blocking.error as object | null ?? {}) },
    }).where(eq(runs.id, run.id));
    await tx.update(waits).set({ status: 'cancelled' }).where(and(eq(waits.runId, run.id), eq(waits.status, 'waiting')));
    changes?.run('failed', { error: { nodeId: blocking.nodeId, ...(blocking.error as object | null ?? {}) } });
    return [];
  }

  const existing = new Set(rows.map((r) => r.nodeId));
  const plan = planNext(version.document, finishedMap(rows));
  const ready = plan.ready.filter((id) => !existing.has(id));
  const skipped = plan.skipped.filter((id) => !existing.has(id));
  if (ready.length + skipped.length > 0) {
    await tx.insert(steps).values([
      ...ready.map((nodeId) => ({ runId: run.id, nodeId, status: 'pending' as const })),
      ...skipped.map((nodeId) => ({ runId: run.id, nodeId, status: 'skipped' as const, finishedAt: sql`clock_timestamp()` })),
    ]).onConflictDoNothing();
    changes?.created(ready, skipped);
  }

  const open = rows.filter(isOpenStep);
  const status = open.length === 0 && ready.length === 0 ? 'succeeded'
    : ready.length === 0 && open.every((s) => s.status === 'waiting') ? 'waiting' : 'running';
  if (status !== run.status) {
    await tx.update(runs).set({
      status,
      updatedAt: sql`clock_timestamp()`,
      ...(status === 'succeeded' ? { finishedAt: sql`clock_timestamp()` } : {}),
    }).where(eq(runs.id, run.id));
    changes?.run(status);
  }
  return ready.map((nodeId) => ({ runId: run.id, nodeId, status: 'pending' as const, attempt: 0 }));
}

export async function cancelOpenSteps(tx: Tx, runId: string): Promise<void> {
  await tx.update(steps).set({ status: 'skipped', finishedAt: sql`clock_timestamp()`, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(steps.runId, runId), inArray(steps.status, ['pending', 'running', 'waiting'])));
  await tx.update(waits).set({ status: 'cancelled' }).where(and(eq(waits.runId, runId), eq(waits.status, 'waiting')));
}
