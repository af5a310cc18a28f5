import { eq, sql } from 'drizzle-orm';
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
import { matchWaitsForEvent } from './waits';
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

/** The versions that were live when the event was logged. */
async function liveVersionsAt(db: Db, at: Date): Promise<LoadedVersion[]> {
  const rows = await db.execute<{ version_id: string | null }>(sql`
    select distinct on (workflow_id) version_id from activations
    where at <= ${at.toISOString()}::timestamptz order by workflow_id, at desc, id desc`);
  const ids = rows.rows.map((r) => r.version_id).filter((id): id is string => id !== null);
  return Promise.all(ids.map((id) => loadVersion(db, id)));
}

/**
 * Starts one run per matching live workflow (the unique (event, workflow) index makes a second
 * routing of the same event a no-op), resolves waits the event satisfies, and marks it routed.
 */
export async function routeEvent(deps: RouteDeps, seq: number): Promise<void> {
  const [row] = await deps.db.select().from(events).where(eq(events.seq, seq));
  if (!row || row.routedAt) return;
  const event = toLoggedEvent(row);

  // Events emitted by replayed runs start no live runs and resolve no waits (no feedback loop).
  const replayId = await replayOfEvent(deps.db, row);
  if (replayId) {
    if (deps.routeReplayEvent) return deps.routeReplayEvent(replayId, seq);
    await deps.db.update(events).set({ routedAt: sql`clock_timestamp()` }).where(eq(events.seq, seq));
    return;
  }

  await matchWaitsForEvent(deps, event);

  const matches: { version: LoadedVersion; trigger: WorkflowNode }[] = [];
  for (const version of await liveVersionsAt(deps.db, row.receivedAt)) {
    const trigger = await firedTrigger(version, event);
    if (trigger) matches.push({ version, trigger });
  }

  const started: StartedRun[] = [];
  const dispatch: StepDispatch[] = await deps.db.transaction(async (tx) => {
    const ready: StepDispatch[] = [];
    for (const { version, trigger } of matches) {
      const [run] = await tx.insert(runs).values({
        workflowId: version.workflowId, versionId: version.id, version: version.version, eventSeq: seq, triggerNodeId: trigger.id,
      }).onConflictDoNothing().returning({ id: runs.id });
      if (!run) continue;
      const finished = startRun(version.document, trigger.id);
      const plan = planNext(version.document, finished);
      const skippedTriggers = Object.keys(finished).filter((id) => id !== trigger.id);
      await tx.insert(steps).values([
        { runId: run.id, nodeId: trigger.id, status: 'succeeded', handle: 'out', output: event, attempt: 1,
          startedAt: row.receivedAt, finishedAt: sql`clock_timestamp()` },
        ...[...skippedTriggers, ...plan.skipped].map((nodeId) => ({ runId: run.id, nodeId, status: 'skipped' as const, finishedAt: sql`clock_timestamp()` })),
        ...plan.ready.map((nodeId) => ({ runId: run.id, nodeId, status: 'pending' as const })),
      ]);
      if (plan.ready.length === 0) {
        await tx.update(runs).set({ status: 'succeeded', startedAt: sql`clock_timestamp()`, finishedAt: sql`clock_timestamp()` }).where(eq(runs.id, run.id));
      }
      ready.push(...plan.ready.map((nodeId) => ({ runId: run.id, nodeId, status: 'pending' as const, attempt: 0 })));
      started.push({ id: run.id, workflowId: version.workflowId, version: version.version, triggerNodeId: trigger.id, ready: plan.ready, skipped: [...skippedTriggers, ...plan.skipped] });
    }
    await tx.update(events).set({ routedAt: sql`clock_timestamp()` }).where(eq(events.seq, seq));
    return ready;
  });
  deps.live?.publish(routedMessages(event, started));
  const inline = deps.runInline ? dispatch.shift() : undefined;
  await dispatchSteps(deps.producer, dispatch);
  if (inline) await deps.runInline!(inline);
}
