import { and, eq, inArray, sql } from 'drizzle-orm';
import { steps, type StepStatus } from '@/db/schema';
import { planNext } from '@/lib/engine/plan';
import { endedStep, RunChanges } from '@/lib/live/changes';
import { advanceLocked, lockRun, lockRunFirst } from './advance';
import { createdStepRow, finishedMap, isOpenStep, type RunRow, type StepRow } from './run-state';
import { dispatchSteps, type StepDispatch } from './step-jobs';
import { mentionsSecrets } from '@/lib/secrets/references';
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
export async function settle(deps: StepDeps, at: SettleContext, end: StepEnd): Promise<StepDispatch | undefined> {
  const changes = new RunChanges(at.step.runId, at.version.workflowId).step(at.step.nodeId, endedStep(end));
  const dispatch = await settleSteps(deps, at, end, changes);
  deps.live?.publish(changes.list());
  const [next, ...others] = dispatch;
  await dispatchSteps(deps.producer, others);
  return next;
}

/** The step that ended, with its run (as this job last wrote it), the run's version and its steps. */
export interface SettleContext {
  run: RunRow;
  version: LoadedVersion;
  step: StepRow;
  known: StepRow[];
  /** This job runs the next ready step itself, so the settle may create it already claimed. */
  claimNext: boolean;
}

async function settleSteps(deps: StepDeps, at: SettleContext, end: StepEnd, changes: RunChanges): Promise<StepDispatch[]> {
  const { version, step, known } = at;
  const planned = end.handle !== null ? plannedBy(version, step, end.handle, known) : undefined;
  if (planned?.kind === 'alone') return settleAlone(deps, at, end, planned, changes);
  if (planned?.kind === 'last' && await settleLast(deps, step, end, planned, changes)) return [];
  return settleUnderLock(deps, version, step, end, changes);
}

type Planned = { kind: 'alone' | 'last'; ready: string[]; skipped: string[] };

/**
 * The steps this end alone decides, without the run lock:
 * - `alone`: every step it makes ready or skipped has this node as its only way in, so no other
 *   branch can race for them, and some step stays open so the run cannot be ending here;
 * - `last`: it makes nothing ready and no other step of the run is open, so the run ends here and
 *   no other step can be settling at the same time.
 * Otherwise (joins, parallel branches) undefined, and the run lock decides.
 */
function plannedBy(version: LoadedVersion, step: StepRow, handle: string, known: StepRow[]): Planned | undefined {
  const finished = finishedMap(known);
  const existing = new Set(known.map((s) => s.nodeId));
  const before = planNext(version.document, finished);
  const after = planNext(version.document, { ...finished, [step.nodeId]: { state: 'done', handle } });
  const fresh = (ids: string[], old: string[]) => ids.filter((id) => !existing.has(id) && !old.includes(id));
  const ready = fresh(after.ready, before.ready);
  const skipped = fresh(after.skipped, before.skipped);
  if (ready.length === 0) {
    const othersOpen = known.some((s) => s.id !== step.id && isOpenStep(s));
    return othersOpen || after.ready.some((id) => !existing.has(id)) ? undefined : { kind: 'last', ready, skipped };
  }
  const soleEntry = [...ready, ...skipped].every((id) => version.incoming.get(id) === 1);
  return soleEntry ? { kind: 'alone', ready, skipped } : undefined;
}

const stepEndSet = (end: StepEnd) => sql`status = ${end.status}, output = ${JSON.stringify(end.output ?? null)}::jsonb, handle = ${end.handle},
  error = ${end.error === null ? null : JSON.stringify(end.error)}::jsonb, finished_at = clock_timestamp(), due_at = null, updated_at = clock_timestamp()`;

type PlannedRow = { n: string; s: StepStatus; a: number; input: unknown };

const plannedRows = (planned: Planned, claimed?: PlannedRow) => JSON.stringify([
  ...(claimed ? [claimed] : []),
  ...planned.ready.filter((n) => n !== claimed?.n).map((n) => ({ n, s: 'pending', a: 0, input: null })),
  ...planned.skipped.map((n) => ({ n, s: 'skipped', a: 0, input: null })),
]);

/**
 * The ready step this job runs next, created as claimed (running, attempt 1, its config as input),
 * which saves claiming it in a statement of its own. Not for a step that reads secrets: its stored
 * input is masked, which the claim does.
 */
function claimedRow(at: SettleContext, planned: Planned): PlannedRow | undefined {
  const nodeId = planned.ready[0];
  const node = at.claimNext && nodeId !== undefined ? at.version.nodes.get(nodeId) : undefined;
  if (!node || mentionsSecrets(node.config)) return undefined;
  return { n: node.id, s: 'running', a: 1, input: node.config ?? {} };
}

/**
 * One statement: the step's end and its successors' rows. The ready successors carry the run's
 * steps as they now stand, so the one run next in this job need not read them again.
 */
async function settleAlone(deps: StepDeps, at: SettleContext, end: StepEnd, planned: Planned, changes: RunChanges): Promise<StepDispatch[]> {
  const { run, step } = at;
  const claimed = claimedRow(at, planned);
  const result = await deps.db.execute<{ updated: number; created: { id: number; nodeId: string; status: StepStatus; attempt: number; input: unknown }[] }>(sql`
    with u as (
      update steps set ${stepEndSet(end)}
      where id = ${step.id} and status in ('pending', 'running', 'waiting') returning id
    ), i as (
      insert into steps (run_id, node_id, status, attempt, input, started_at, finished_at)
      select ${step.runId}, r.n, r.s, r.a, r.input,
        case when r.s = 'running' then clock_timestamp() end, case when r.s = 'skipped' then clock_timestamp() end
      from jsonb_to_recordset(${plannedRows(planned, claimed)}::jsonb) as r(n text, s text, a int, input jsonb)
      where exists (select 1 from u)
      on conflict do nothing
      returning id, node_id, status, attempt, input
    )
    select (select count(*)::int from u) as updated,
      coalesce((select json_agg(json_build_object('id', id, 'nodeId', node_id, 'status', status, 'attempt', attempt, 'input', input)) from i), '[]'::json) as created`);
  const row = result.rows[0];
  if (row?.updated !== 1) return [];
  changes.confirm().created(planned.ready, planned.skipped);
  const claimedNow = claimed !== undefined && row.created.some((c) => c.nodeId === claimed.n);
  const ended: StepRow = { ...step, status: end.status, output: end.output ?? null, handle: end.handle, error: end.error, finishedAt: new Date(), dueAt: null };
  const stepsNow = [...at.known.map((s) => (s.id === step.id ? ended : s)), ...row.created.map((c) => createdStepRow(step.runId, c))];
  return planned.ready.map((nodeId) => (claimedNow && nodeId === claimed.n
    ? { runId: step.runId, nodeId, status: 'running' as const, attempt: 1, claimed: true, known: { run, steps: stepsNow } }
    : { runId: step.runId, nodeId, status: 'pending' as const, attempt: 0, known: { run, steps: stepsNow } }));
}

/**
 * One statement: the step's end, the steps it skips and the run's success. The run lock is taken
 * first, and the step ends only if no other step of the run is open after all; false sends the
 * caller to the general case.
 */
async function settleLast(deps: StepDeps, step: StepRow, end: StepEnd, planned: Planned, changes: RunChanges): Promise<boolean> {
  const result = await deps.db.execute<{ updated: number }>(sql`
    with u as (
      update steps set ${stepEndSet(end)}
      where id = ${step.id} and status in ('pending', 'running', 'waiting')
        and ${lockRunFirst(step.runId, ['queued', 'running', 'waiting'])}
        and not exists (select 1 from steps o where o.run_id = ${step.runId} and o.id <> ${step.id} and o.status in ('pending', 'running', 'waiting'))
      returning id
    ), i as (
      insert into steps (run_id, node_id, status, finished_at)
      select ${step.runId}, r.n, 'skipped', clock_timestamp()
      from jsonb_to_recordset(${plannedRows(planned)}::jsonb) as r(n text, s text, a int, input jsonb)
      where exists (select 1 from u)
      on conflict do nothing
    ), r as (
      update runs set status = 'succeeded', finished_at = clock_timestamp(), updated_at = clock_timestamp()
      where id = ${step.runId} and status in ('queued', 'running', 'waiting') and exists (select 1 from u)
    )
    select count(*)::int as updated from u`);
  if (result.rows[0]?.updated !== 1) return false;
  changes.confirm().created([], planned.skipped).run('succeeded');
  return true;
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
