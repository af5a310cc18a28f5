import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import type { WorkflowNode } from '@/lib/engine/graph';
import { triggerMatches } from '@/lib/engine/nodes';
import { toLoggedEvent } from '@/lib/events/serialize';
import type { LoggedEvent } from '@/lib/events/types';
import type { Producer } from '@/lib/jobs/queues';
import { routedMessages } from '@/lib/live/changes';
import type { LivePublisher } from '@/lib/live/publisher';
import { dispatchSteps, type StepDispatch } from './step-jobs';
import { loadVersion, type LoadedVersion } from './versions';
import { startRuns, type Match } from './start-runs';
import { rememberTriggerEvent } from './trigger-cache';
import { matchWaitsForEvents, openWaitsFor, type WaitCandidate } from './waits';
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

/** How many ready first steps a routing job runs itself (its transaction's jobs together); the rest go to the step queue. */
const INLINE_STEPS_PER_JOB = 25;

const routingColumns = {
  row: events,
  waits: openWaitsFor(events),
  liveVersionIds: sql<string[]>`array(
    select version_id from (
      select distinct on (workflow_id) version_id from activations
      where at <= ${events.receivedAt} order by workflow_id, at desc, id desc
    ) live where version_id is not null)`,
};

/**
 * The events to route, each with the versions live when it was logged (compared in PostgreSQL, at
 * its timestamp precision) and the open waits it may satisfy, locked until the routing transaction ends: another routing transaction
 * skips them rather than wait (two waiting on each other's events and runs would deadlock).
 */
async function lockUnrouted(tx: Db, seqs: number[]) {
  return tx.select(routingColumns).from(events)
    .where(and(isNull(events.routedAt), inArray(events.seq, seqs)))
    .orderBy(asc(events.seq))
    .for('no key update', { skipLocked: true });
}

type Found = Awaited<ReturnType<typeof lockUnrouted>>;
export type Routed = Awaited<ReturnType<typeof route>>;

/**
 * Routes logged events in one transaction: starts one run per (event, matching live workflow) (the
 * unique (event, workflow) index makes routing an event twice a no-op), resolves the waits they
 * satisfy, and marks them routed, with a handful of statements for the whole batch.
 */
export async function routeCommitted(deps: RouteDeps, seqs: number[], jobs = 1): Promise<Routed> {
  const inline = deps.runInline ? INLINE_STEPS_PER_JOB * jobs : 0;
  // every query of the routing goes through its transaction, so it holds one connection
  return deps.db.transaction(async (tx) => route({ ...deps, db: tx }, await lockUnrouted(tx, seqs), inline));
}

/**
 * What follows a routing commit: events emitted by replays go to their replay, the live stream
 * hears of the new runs, the steps whose waits the events satisfied are resumed, and the first steps
 * left to run the durable way run here (saving a queue hop each), up to INLINE_STEPS_PER_JOB for each
 * job that shared the transaction, or go to the step queue.
 */
export async function afterRouting(deps: RouteDeps, routed: Routed): Promise<void> {
  for (const { replayId, seq } of routed.replayed) {
    if (deps.routeReplayEvent) await deps.routeReplayEvent(replayId, seq);
    else await deps.db.update(events).set({ routedAt: sql`clock_timestamp()` }).where(eq(events.seq, seq));
  }
  for (const event of routed.batch) {
    rememberTriggerEvent(event);
    deps.live?.publish(routedMessages(event, routed.started.get(event.seq) ?? []));
  }

  const { ready } = routed;
  const inline = ready.splice(0, routed.inline);
  await dispatchSteps(deps.producer, [...routed.resumed, ...ready]);
  const outcomes = await Promise.allSettled(inline.map((step) => deps.runInline!(step)));
  const failed = inline.filter((_, i) => outcomes[i].status === 'rejected');
  if (failed.length > 0) {
    deps.logger.warn({ err: (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason, steps: failed.length }, 'inline first steps failed; queued them');
    await dispatchSteps(deps.producer, failed);
  }
}

/** Starts the runs of the found events; events emitted by replays are handed back for their replay. */
async function route(deps: RouteDeps, found: Found, inline: number) {
  const replayed: { replayId: string; seq: number }[] = [];
  const toRoute: { event: LoggedEvent; liveVersionIds: string[]; waits: WaitCandidate[] }[] = [];
  for (const { row, liveVersionIds, waits } of found) {
    // Events emitted by replayed runs start no live runs and resolve no waits (no feedback loop).
    const replayId = await replayOfEvent(deps.db, row);
    if (replayId) replayed.push({ replayId, seq: row.seq });
    else toRoute.push({ event: toLoggedEvent(row), liveVersionIds, waits: waits ?? [] });
  }
  const batch = toRoute.map((r) => r.event);
  if (batch.length === 0) return { replayed, batch, inline, resumed: [] as StepDispatch[], started: new Map(), ready: [] as StepDispatch[] };

  const resumed = await matchWaitsForEvents(deps, toRoute);
  const matches: Match[] = [];
  for (const { event, liveVersionIds } of toRoute) {
    for (const versionId of liveVersionIds) {
      // one by one: the queries share the transaction's connection (and versions are mostly cached)
      const version = await loadVersion(deps.db, versionId);
      const trigger = await firedTrigger(version, event);
      if (trigger) matches.push({ event, version, trigger });
    }
  }
  return { replayed, batch, inline, resumed, ...await startRuns(deps.db, matches, batch.map((e) => e.seq), inline) };
}
