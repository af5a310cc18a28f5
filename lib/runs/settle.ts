import { and, eq, inArray, sql } from 'drizzle-orm';
import { steps } from '@/db/schema';
import { planNext } from '@/lib/engine/plan';
import { endedStep, RunChanges } from '@/lib/live/changes';
import { advanceLocked, lockRun } from './advance';
import { finishedMap, type StepRow } from './run-state';
import { dispatchSteps, type StepDispatch } from './step-jobs';
import type { StepDeps } from './execute-step';
import type { LoadedVersion } from './versions';

/** How a step ended: `handle` is the output it took, or null for a failure that fails the run. */
export interface StepEnd {
  status: 'succeeded' | 'failed';
  output: unknown;
  handle: string | null;
  error: unknown;
}

/**
 * Records a step's end and creates the steps it makes ready or skipped. The first ready step is
 * handed back to run in this job (saving a queue hop); the others are enqueued.
 */
export async function settle(deps: StepDeps, version: LoadedVersion, step: StepRow, known: StepRow[], end: StepEnd): Promise<StepDispatch | undefined> {
  const fast = end.handle !== null ? successorsOnlyOf(version, step.nodeId, end.handle, known) : undefined;
  const changes = new RunChanges(step.runId, version.workflowId).step(step.nodeId, endedStep(end));
  const dispatch = fast ? await settleAlone(deps, step, end, fast, changes) : await settleUnderLock(deps, version, step, end, changes);
  deps.live?.publish(changes.list());
  const [next, ...others] = dispatch;
  await dispatchSteps(deps.producer, others);
  return next;
}

type Planned = { ready: string[]; skipped: string[] };

/**
 * The steps this end alone decides: when every step it makes ready or skipped has this node as its
 * only way in, no other branch can race for them, and some step stays open so the run cannot be
 * ending here. Then no lock is needed. Otherwise (joins, the run's last step) undefined.
 */
function successorsOnlyOf(version: LoadedVersion, nodeId: string, handle: string, known: StepRow[]): Planned | undefined {
  const finished = finishedMap(known);
  const existing = new Set(known.map((s) => s.nodeId));
  const before = planNext(version.document, finished);
  const after = planNext(version.document, { ...finished, [nodeId]: { state: 'done', handle } });
  const fresh = (ids: string[], old: string[]) => ids.filter((id) => !existing.has(id) && !old.includes(id));
  const planned = { ready: fresh(after.ready, before.ready), skipped: fresh(after.skipped, before.skipped) };
  if (planned.ready.length === 0) return undefined;
  const soleEntry = [...planned.ready, ...planned.skipped].every((id) => version.incoming.get(id) === 1);
  return soleEntry ? planned : undefined;
}

/** One statement: the step's end and its successors' rows. */
async function settleAlone(deps: StepDeps, step: StepRow, end: StepEnd, planned: Planned, changes: RunChanges): Promise<StepDispatch[]> {
  const rows = [...planned.ready.map((n) => ({ n, s: 'pending' })), ...planned.skipped.map((n) => ({ n, s: 'skipped' }))];
  const result = await deps.db.execute<{ updated: number }>(sql`
    with u as (
      update steps set status = ${end.status}, output = ${JSON.stringify(end.output ?? null)}::jsonb, handle = ${end.handle},
        error = ${end.error === null ? null : JSON.stringify(end.error)}::jsonb, finished_at = clock_timestamp(), due_at = null,
        updated_at = clock_timestamp()
      where id = ${step.id} and status in ('pending', 'running', 'waiting') returning id
    ), i as (
      insert into steps (run_id, node_id, status, finished_at)
      select ${step.runId}, r.n, r.s, case when r.s = 'skipped' then clock_timestamp() end
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(n text, s text)
      where exists (select 1 from u)
      on conflict do nothing
    )
    select count(*)::int as updated from u`);
  if (result.rows[0]?.updated !== 1) return [];
  changes.confirm().created(planned.ready, planned.skipped);
  return planned.ready.map((nodeId) => ({ runId: step.runId, nodeId, status: 'pending' as const, attempt: 0 }));
}

/** The general case, under the run's row lock so that parallel branches plan a join once. */
async function settleUnderLock(deps: StepDeps, version: LoadedVersion, step: StepRow, end: StepEnd, changes: RunChanges): Promise<StepDispatch[]> {
  return deps.db.transaction(async (tx) => {
    const run = await lockRun(tx, step.runId);
    if (!run) return [];
    const [updated] = await tx.update(steps).set({
      status: end.status, output: end.output ?? null, handle: end.handle, error: end.error,
      finishedAt: sql`clock_timestamp()`, dueAt: null, updatedAt: sql`clock_timestamp()`,
    }).where(and(eq(steps.id, step.id), inArray(steps.status, ['pending', 'running', 'waiting']))).returning({ id: steps.id });
    if (!updated) return [];
    return advanceLocked(tx, run, version, changes);
  });
}
