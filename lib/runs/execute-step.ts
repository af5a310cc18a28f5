import { and, eq, sql } from 'drizzle-orm';
import { steps, waits } from '@/db/schema';
import { nodePolicy, retryDelayMs, type WorkflowNode } from '@/lib/engine/graph';
import { getNodeDefinition, NodeError, type NodeContext, type NodeOutcome, type Ports } from '@/lib/engine/nodes';
import { eventBySeq } from '@/lib/events/query';
import { maskError, maskSecrets, type SecretValues } from '@/lib/secrets/mask';
import { secretSafePorts } from '@/lib/secrets/ports';
import type { SecretReader } from '@/lib/secrets/reader';
import { mentionsSecrets, referencedSecrets } from '@/lib/secrets/references';
import { claimedMessages, retryMessages, RunChanges, waitingStep } from '@/lib/live/changes';
import type { LivePublisher } from '@/lib/live/publisher';
import { triggerEvent } from './trigger-cache';
import type { LoggedEvent } from '@/lib/events/types';
import { advanceLocked, lockRun, lockRunFirst } from './advance';
import { settle } from './settle';
import { isTerminalRun, loadRun, stepOutputs, type RunRow, type RunState, type StepRow } from './run-state';
import { dispatchSteps, type StepDispatch } from './step-jobs';
import { loadVersion, type LoadedVersion } from './versions';
import { registerWait, scanLogForWait, type WaitDeps } from './waits';

export interface StepDeps extends WaitDeps {
  /** The IO a node may use, bound to the run (emit needs the trigger event for causation). */
  ports(run: RunRow, trigger: LoggedEvent, nodeId: string): Ports;
  expressionTimeoutMs?: number;
  /** Stored secrets, loaded only for a step whose config mentions `secrets`. */
  secrets?: SecretReader;
  /** Publishes each committed change of a step or run to the live stream (GET /api/stream). */
  live?: LivePublisher;
}

type Resume = NodeContext['resume'];
const DUE_TOLERANCE_MS = 25;

function errorRecord(err: unknown) {
  const e = err as { message?: string; code?: string; retriable?: boolean; details?: unknown };
  // Errors that do not say otherwise (a dropped connection, a bug) may be cured by another attempt.
  return { message: e?.message ?? String(err), code: e?.code, retriable: e?.retriable ?? true, ...(e?.details === undefined ? {} : { details: e.details }) };
}

/** Works out whether a waiting step can continue, and with what. */
async function resumeFor(deps: StepDeps, step: StepRow): Promise<Resume | 'not-due'> {
  const now = Date.now();
  const [wait] = await deps.db.select().from(waits).where(and(eq(waits.runId, step.runId), eq(waits.nodeId, step.nodeId)));
  if (!wait) return step.dueAt && step.dueAt.getTime() <= now + DUE_TOLERANCE_MS ? { kind: 'timer' } : 'not-due';
  if (wait.status === 'received') return { kind: 'event', event: await eventBySeq(deps.db, wait.eventSeq!) };
  if (wait.status === 'timeout') return { kind: 'timeout' };
  if (wait.status === 'waiting' && wait.timeoutAt && wait.timeoutAt.getTime() <= now + DUE_TOLERANCE_MS) {
    const [won] = await deps.db.update(waits).set({ status: 'timeout' })
      .where(and(eq(waits.id, wait.id), eq(waits.status, 'waiting'))).returning({ id: waits.id });
    return won ? { kind: 'timeout' } : resumeFor(deps, step);
  }
  return 'not-due';
}

/** Marks a step running and its run started; null when the step is no longer runnable. */
async function claimStep(deps: StepDeps, step: StepRow, node: WorkflowNode, secrets?: SecretValues): Promise<number | null> {
  const input = secrets ? maskSecrets(node.config ?? {}, secrets) : node.config ?? {};
  const claimed = await deps.db.execute<{ attempt: number }>(sql`
    with s as (
      update steps set status = 'running', attempt = attempt + 1, input = ${JSON.stringify(input)}::jsonb,
        started_at = coalesce(started_at, clock_timestamp()), updated_at = clock_timestamp(), due_at = null
      where id = ${step.id} and status in ('pending', 'running')
        and ${lockRunFirst(step.runId, ['queued', 'waiting'])}
      returning attempt
    ), r as (
      update runs set status = 'running', started_at = coalesce(started_at, clock_timestamp()), updated_at = clock_timestamp()
      where id = ${step.runId} and status in ('queued', 'waiting') and exists (select 1 from s)
    )
    select attempt from s`);
  return claimed.rows[0]?.attempt ?? null;
}

type StepCtx = { run: RunRow; version: LoadedVersion; step: StepRow; known: StepRow[]; attempt: number; claimNext: boolean };

async function applyOutcome(deps: StepDeps, ctx: StepCtx, outcome: NodeOutcome): Promise<StepDispatch | undefined> {
  const { run, version, step, attempt } = ctx;
  if (outcome.kind === 'done') {
    return settle(deps, { run, version, step, known: ctx.known, claimNext: ctx.claimNext }, { status: 'succeeded', output: outcome.output ?? null, handle: outcome.handle ?? 'out', error: null });
  }
  const dueAt = outcome.kind === 'sleep' ? outcome.until : outcome.timeoutAt;
  const changes = new RunChanges(run.id, run.workflowId).step(step.nodeId, waitingStep(outcome, attempt));
  const suspended = await deps.db.transaction(async (tx) => {
    const locked = await lockRun(tx, run.id);
    if (!locked || isTerminalRun(locked.status)) return false;
    // Only the attempt that claimed the step may suspend it: a late duplicate must not rewind it.
    const [mine] = await tx.update(steps).set({ status: 'waiting', dueAt, updatedAt: sql`clock_timestamp()` })
      .where(and(eq(steps.id, step.id), eq(steps.status, 'running'), eq(steps.attempt, attempt))).returning({ id: steps.id });
    if (!mine) return false;
    if (outcome.kind === 'wait') {
      await registerWait(tx, { runId: run.id, nodeId: step.nodeId, eventType: outcome.eventType, match: outcome.match, afterSeq: run.eventSeq, timeoutAt: outcome.timeoutAt });
    }
    await advanceLocked(tx, locked, version, changes);
    return true;
  });
  if (!suspended) return undefined;
  deps.live?.publish(changes.list());
  const wake: StepDispatch[] = dueAt ? [{ runId: run.id, nodeId: step.nodeId, status: 'waiting', attempt, dueAt }] : [];
  await dispatchSteps(deps.producer, wake);
  if (outcome.kind === 'wait') await scanLogForWait(deps, run.id, step.nodeId);
  return undefined;
}

async function applyFailure(deps: StepDeps, ctx: StepCtx & { node: WorkflowNode }, err: unknown): Promise<StepDispatch | undefined> {
  const { run, version, step, node, attempt } = ctx;
  const policy = nodePolicy(node);
  const error = { ...errorRecord(err), attempt };
  if (error.retriable && attempt < policy.retry.attempts) {
    const retryAfterMs = (err as { retryAfterMs?: number }).retryAfterMs ?? 0;
    const dueAt = new Date(Date.now() + Math.max(retryDelayMs(policy, attempt), retryAfterMs));
    const [updated] = await deps.db.update(steps).set({ status: 'pending', error, dueAt, updatedAt: sql`clock_timestamp()` })
      .where(and(eq(steps.id, step.id), eq(steps.status, 'running'))).returning({ id: steps.id });
    if (updated) deps.live?.publish(retryMessages(run, step.nodeId, attempt, error, dueAt));
    if (updated) await dispatchSteps(deps.producer, [{ runId: run.id, nodeId: step.nodeId, status: 'pending', attempt, dueAt }]);
    return undefined;
  }
  const handle = policy.onError === 'continue' ? 'out' : policy.onError === 'branch' ? 'error' : null;
  return settle(deps, { run, version, step, known: ctx.known, claimNext: ctx.claimNext }, { status: 'failed', error, handle, output: handle ? { error } : null });
}

/** When a job arrived before its step is due, the processor puts it back until `notBefore`. */
export interface StepJobResult {
  notBefore?: Date;
}

/** Steps one job may run back to back along a chain before it hands the rest to the queue. */
const INLINE_STEPS = 50;

/**
 * The processor of one `step` job: runs, resumes or re-plans a step according to its stored state,
 * then carries on with a successor it made ready. Each successor is committed (pending, or already
 * claimed for this job) before it runs here, so a crash mid-chain leaves an open step that the
 * reconciler hands to the queue.
 */
export async function processStep(deps: StepDeps, runId: string, nodeId: string, carried: Carried = {}): Promise<StepJobResult> {
  const first = await runStep(deps, runId, nodeId, carried, INLINE_STEPS > 1);
  let next = first.next;
  for (let hops = 1; next && hops < INLINE_STEPS; hops++) next = (await runStep(deps, next.runId, next.nodeId, next, hops + 1 < INLINE_STEPS)).next;
  if (next) await dispatchSteps(deps.producer, [next]);
  return { notBefore: first.notBefore };
}

/** What the job that made a step ready hands on with it (see StepDispatch). */
type Carried = Pick<StepDispatch, 'known' | 'claimed'>;

/** Runs one step; with `claimNext`, the successor it makes ready is created claimed for this job to run next. */
async function runStep(deps: StepDeps, runId: string, nodeId: string, carried: Carried, claimNext: boolean): Promise<StepJobResult & { next?: StepDispatch }> {
  const state = carried.known ?? await loadRun(deps.db, runId);
  if (!state || isTerminalRun(state.run.status)) return {};
  let { run } = state;
  const step = state.steps.find((s) => s.nodeId === nodeId);
  if (!step || step.status === 'succeeded' || step.status === 'failed' || step.status === 'skipped') return {};
  const version = await loadVersion(deps.db, run.versionId);
  const node = version.nodes.get(nodeId);
  if (!node) throw new Error(`node ${nodeId} is not in version ${version.version} of workflow ${version.workflowId}`);

  const secrets = deps.secrets && mentionsSecrets(node.config) ? await deps.secrets.load() : undefined;
  let resume: Resume;
  let attempt = step.attempt;
  if (step.status === 'waiting') {
    const next = await resumeFor(deps, step);
    if (next === 'not-due') {
      // A redelivered job may find the wait registered but the log never scanned (a crash in between).
      await scanLogForWait(deps, runId, nodeId);
      return step.dueAt ? { notBefore: step.dueAt } : {};
    }
    resume = next;
  } else {
    if (step.status === 'pending' && step.dueAt && step.dueAt.getTime() > Date.now() + DUE_TOLERANCE_MS) {
      return { notBefore: step.dueAt };
    }
    const claimed = carried.claimed ? step.attempt : await claimStep(deps, step, node, secrets);
    if (claimed === null) return {};
    attempt = claimed;
    deps.live?.publish(claimedMessages(run, nodeId, attempt, step.startedAt));
    if (run.status !== 'running') run = { ...run, status: 'running', startedAt: run.startedAt ?? new Date() };
  }

  const trigger = await triggerEvent(deps.db, run.eventSeq);
  const definition = getNodeDefinition(node.type);
  const context: NodeContext = {
    node, attempt, resume,
    idempotencyKey: `${run.id}:${node.id}`,
    scope: {
      event: trigger, steps: stepOutputs(state.steps), run: { id: run.id, workflowId: run.workflowId, version: run.version },
      ...(secrets && { secrets: Object.fromEntries(secrets) }),
    },
    ports: secrets ? secretSafePorts(deps.ports(run, trigger, node.id), secrets) : deps.ports(run, trigger, node.id),
    expressionTimeoutMs: deps.expressionTimeoutMs,
  };
  let outcome: NodeOutcome;
  try {
    if (!definition?.run) throw new NodeError(`node type ${node.type} cannot run`, { retriable: false });
    const missing = secrets ? referencedSecrets(node.config).filter((name) => !secrets.has(name)) : [];
    if (missing.length > 0) throw new NodeError(`no secret named ${missing.join(', ')}: add it in Settings → Secrets`, { code: 'secret_missing' });
    outcome = await definition.run(context);
  } catch (err) {
    return { next: await applyFailure(deps, { run, version, step, known: state.steps, node, attempt, claimNext }, secrets ? maskError(err, secrets) : err) };
  }
  // a step that had secrets in scope stores its output with their values replaced by [secret:NAME]
  if (secrets && outcome.kind === 'done') outcome = { ...outcome, output: maskSecrets(outcome.output, secrets) };
  return { next: await applyOutcome(deps, { run, version, step, known: state.steps, attempt, claimNext }, outcome) };
}

