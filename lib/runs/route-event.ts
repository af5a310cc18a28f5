import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, runs, steps } from '@/db/schema';
import type { WorkflowNode } from '@/lib/engine/graph';
import { triggerMatches } from '@/lib/engine/nodes';
import { planNext, startRun } from '@/lib/engine/plan';
import { toLoggedEvent } from '@/lib/events/serialize';
import type { LoggedEvent } from '@/lib/events/types';
import type { Producer } from '@/lib/jobs/queues';
import { routedMessages, type StartedRun } from '@/lib/live/changes';
import type { LivePublisher } from '@/lib/live/publisher';
import { dispatchSteps, type StepDispatch } from './step-jobs';
import { loadVersion, type LoadedVersion } from './versions';
import type { RunRow } from './run-state';
import { rememberTriggerEvent } from './trigger-cache';
import { mentionsSecrets } from '@/lib/secrets/references';
import { matchWaitsForEvents } from './waits';
import { replayOfEvent } from '@/lib/replays/replay-event';
import type { Logger } from '@/lib/logger';

export interface RouteDeps {
  db: Db;
  producer: Producer;
  logger: Logger;
  /** Runs a step in this job instead of enqueueing it (saves a queue hop to the first step). */
  runInline?: (step: StepDispatch) => Promise<unknown>;
  /** Routes an event emitted by a replayed run (lib/replays/cascade.ts); without it such an event starts nothing. */
  routeReplayEvent?: (replayId: string, seq: number) => Promise<void>;
  /** Publishes the routed event and the runs it started to the live stream. */
  live?: LivePublisher;
}

/**
 * Sources of events addressed to one workflow: schedule ticks, manual starts and the editor's test
 * events. They start only that workflow, so a test or a tick never sets off anything else.
 */
export const scheduleSource = (workflowId: string, nodeId: string) => `/schedules/${workflowId}/${nodeId}`;
export const manualSource = (workflowId: string) => `/workflows/${workflowId}/manual`;
export const testSource = (workflowId: string) => `/workflows/${workflowId}/test`;

type Addressee = { workflowId: string; kind: 'schedule' | 'manual' | 'test'; nodeId?: string };

function addresseeOf(source: string): Addressee | undefined {
  const schedule = source.match(/^\/schedules\/([^/]+)\/([^/]+)$/);
  if (schedule) return { workflowId: schedule[1], kind: 'schedule', nodeId: schedule[2] };
  const direct = source.match(/^\/workflows\/([^/]+)\/(manual|test)$/);
  return direct ? { workflowId: direct[1], kind: direct[2] as 'manual' | 'test' } : undefined;
}

export async function firedTrigger(version: LoadedVersion, event: LoggedEvent): Promise<WorkflowNode | undefined> {
  const to = addresseeOf(event.source);
  if (to && to.workflowId !== version.workflowId) return undefined;
  for (const node of version.document.nodes) {
    if (node.type === 'trigger.schedule' && to?.kind === 'schedule' && to.nodeId === node.id) return node;
    if (node.type === 'trigger.manual' && to?.kind === 'manual') return node;
    if (node.type === 'trigger.event' && (!to || to.kind === 'test') && await triggerMatches(node, event)) return node;
  }
  return undefined;
}

/** How many ready first steps one routing job runs itself; the rest go to the step queue. */
const INLINE_STEPS = 25;

/** A step row as inserted, its times stamped by PostgreSQL. */
type NewStep = Omit<typeof steps.$inferInsert, 'finishedAt'> & { finishedAt?: SQL };
type Match = { event: LoggedEvent; version: LoadedVersion; trigger: WorkflowNode };

/**
 * The events of `seqs` not routed yet, each with the versions live when it was logged (activations
 * are compared in PostgreSQL, at its timestamp precision).
 */
async function unroutedWithLiveVersions(db: Db, seqs: number[]) {
  return db.select({
    row: events,
    liveVersionIds: sql<string[]>`array(
      select version_id from (
        select distinct on (workflow_id) version_id from activations
        where at <= ${events.receivedAt} order by workflow_id, at desc, id desc
      ) live where version_id is not null)`,
  }).from(events)
    .where(and(inArray(events.seq, seqs), isNull(events.routedAt)))
    .orderBy(asc(events.seq));
}

/**
 * Routes a batch of logged events: starts one run per (event, matching live workflow) (the unique
 * (event, workflow) index makes routing an event twice a no-op), resolves the waits they satisfy,
 * and marks them routed, with a handful of statements for the whole batch. The first steps the new
 * runs make ready run in this job, up to INLINE_STEPS, saving a queue hop each.
 */
export async function routeEvents(deps: RouteDeps, seqs: number[]): Promise<void> {
  const found = await unroutedWithLiveVersions(deps.db, seqs);
  const toRoute: { event: LoggedEvent; liveVersionIds: string[] }[] = [];
  for (const { row, liveVersionIds } of found) {
    // Events emitted by replayed runs start no live runs and resolve no waits (no feedback loop).
    const replayId = await replayOfEvent(deps.db, row);
    if (!replayId) toRoute.push({ event: toLoggedEvent(row), liveVersionIds });
    else if (deps.routeReplayEvent) await deps.routeReplayEvent(replayId, row.seq);
    else await deps.db.update(events).set({ routedAt: sql`clock_timestamp()` }).where(eq(events.seq, row.seq));
  }
  if (toRoute.length === 0) return;

  await matchWaitsForEvents(deps, toRoute.map((r) => r.event));

  const matches: Match[] = [];
  for (const { event, liveVersionIds } of toRoute) {
    for (const version of await Promise.all(liveVersionIds.map((id) => loadVersion(deps.db, id)))) {
      const trigger = await firedTrigger(version, event);
      if (trigger) matches.push({ event, version, trigger });
    }
  }

  const { started, ready } = await startRuns(deps.db, matches, toRoute.map((r) => r.event.seq), deps.runInline ? INLINE_STEPS : 0);
  for (const { event } of toRoute) {
    rememberTriggerEvent(event);
    deps.live?.publish(routedMessages(event, started.get(event.seq) ?? []));
  }

  const inline = deps.runInline ? ready.splice(0, INLINE_STEPS) : [];
  await dispatchSteps(deps.producer, ready);
  const outcomes = await Promise.allSettled(inline.map((step) => deps.runInline!(step)));
  const failed = inline.filter((_, i) => outcomes[i].status === 'rejected');
  if (failed.length > 0) {
    deps.logger.warn({ err: (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason, steps: failed.length }, 'inline first steps failed; queued them');
    await dispatchSteps(deps.producer, failed);
  }
}

/**
 * One transaction for the batch: its runs, their first steps, and the events marked routed. Hands
 * back the runs each event started and their ready first steps, carrying the rows just written.
 */
async function startRuns(db: Db, matches: Match[], seqs: number[], claimBudget: number): Promise<{ started: Map<number, StartedRun[]>; ready: StepDispatch[] }> {
  const started = new Map<number, StartedRun[]>();
  const claimed: StepDispatch[] = [];
  const pending: StepDispatch[] = [];
  await db.transaction(async (tx) => {
    if (matches.length > 0) {
      const planned = matches.map((match) => {
        const finished = startRun(match.version.document, match.trigger.id);
        const plan = planNext(match.version.document, finished);
        const skipped = [...Object.keys(finished).filter((id) => id !== match.trigger.id), ...plan.skipped];
        const first = plan.ready[0] === undefined ? undefined : match.version.nodes.get(plan.ready[0]);
        // the first step of the first runs is created claimed (see claimedRow in ./settle.ts): this job runs it next
        const claim = first && !mentionsSecrets(first.config) && claimBudget-- > 0 ? first : undefined;
        return { ...match, plan, skipped, claim };
      });
      const inserted = await tx.insert(runs).values(planned.map(({ event, version, trigger, claim }) => ({
        workflowId: version.workflowId, versionId: version.id, version: version.version, eventSeq: event.seq, triggerNodeId: trigger.id,
        ...(claim && { status: 'running' as const, startedAt: new Date() }),
      }))).onConflictDoNothing().returning();
      const insertedRuns = new Map(inserted.map((r) => [`${r.eventSeq}:${r.workflowId}`, r]));
      const stepRows: NewStep[] = [];
      const firstSteps: { run: RunRow; nodeIds: string[]; claim?: WorkflowNode }[] = [];
      const finishedAtOnce: string[] = [];
      for (const { event, version, trigger, plan, skipped, claim } of planned) {
        const run = insertedRuns.get(`${event.seq}:${version.workflowId}`);
        if (!run) continue;
        stepRows.push(
          { runId: run.id, nodeId: trigger.id, status: 'succeeded', handle: 'out', output: event, attempt: 1, startedAt: new Date(event.receivedAt), finishedAt: sql`clock_timestamp()` },
          ...skipped.map((nodeId) => ({ runId: run.id, nodeId, status: 'skipped' as const, finishedAt: sql`clock_timestamp()` })),
          ...plan.ready.map((nodeId) => (nodeId === claim?.id
            ? { runId: run.id, nodeId, status: 'running' as const, attempt: 1, input: claim.config ?? {}, startedAt: new Date() }
            : { runId: run.id, nodeId, status: 'pending' as const })),
        );
        if (plan.ready.length === 0) finishedAtOnce.push(run.id);
        else firstSteps.push({ run, nodeIds: plan.ready, claim });
        const list = started.get(event.seq) ?? [];
        list.push({ id: run.id, workflowId: version.workflowId, version: version.version, triggerNodeId: trigger.id, ready: plan.ready, skipped, running: claim !== undefined });
        started.set(event.seq, list);
      }
      const written = stepRows.length > 0 ? await tx.insert(steps).values(stepRows).returning() : [];
      for (const { run, nodeIds, claim } of firstSteps) {
        const known = { run, steps: written.filter((row) => row.runId === run.id) };
        for (const nodeId of nodeIds) {
          if (nodeId === claim?.id) claimed.push({ runId: run.id, nodeId, status: 'running', attempt: 1, claimed: true, known });
          else pending.push({ runId: run.id, nodeId, status: 'pending', attempt: 0, known });
        }
      }
      if (finishedAtOnce.length > 0) {
        await tx.update(runs).set({ status: 'succeeded', startedAt: sql`clock_timestamp()`, finishedAt: sql`clock_timestamp()` }).where(inArray(runs.id, finishedAtOnce));
      }
    }
    await tx.update(events).set({ routedAt: sql`clock_timestamp()` }).where(inArray(events.seq, seqs));
  });
  return { started, ready: [...claimed, ...pending] };
}
