/**
 * What a run's page starts from: the run, its steps without their inputs and outputs (a run of
 * 10,000 steps stays small), its waits and the events around it. The live stream keeps it current.
 */
import { and, asc, eq, like } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, runs, steps, waits, workflowVersions, type RunStatus, type StepStatus } from '@/db/schema';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { notFound } from '@/lib/http/errors';
import { eventSummary } from './changes';
import { logHead } from './gap';
import { encodeLiveCursor } from './cursor';
import { toLoggedEvent } from '@/lib/events/serialize';
import type { LiveEventSummary } from './types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export interface LeanStep {
  nodeId: string;
  status: StepStatus;
  attempt: number;
  handle: string | null;
  error: unknown;
  dueAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** For a wait_for_event step: when it began waiting, for what, and the event that ended the wait. */
  waitingSince?: string;
  waitingFor?: string;
  receivedSeq?: number;
}

export interface RunViewData {
  run: {
    id: string; workflowId: string; version: number; status: RunStatus; eventSeq: number; replayOf: string | null;
    error: unknown; createdAt: string; startedAt: string | null; finishedAt: string | null;
  };
  document: WorkflowDocument;
  steps: LeanStep[];
  trigger: LiveEventSummary | null;
  emitted: LiveEventSummary[];
  /** Where the live stream should resume so nothing after this read is missed. */
  cursor: string;
}

export async function runView(db: Db, runId: string): Promise<RunViewData> {
  if (!isUuid(runId)) throw notFound('run');
  const [row] = await db.select({ run: runs, document: workflowVersions.document }).from(runs)
    .innerJoin(workflowVersions, eq(workflowVersions.id, runs.versionId)).where(eq(runs.id, runId));
  if (!row) throw notFound('run');
  const cursor = encodeLiveCursor({ seq: await logHead(db), ms: Date.now() });
  const { run } = row;
  const [stepRows, waitRows, triggerRows, emittedRows] = await Promise.all([
    db.select({
      nodeId: steps.nodeId, status: steps.status, attempt: steps.attempt, handle: steps.handle, error: steps.error,
      dueAt: steps.dueAt, startedAt: steps.startedAt, finishedAt: steps.finishedAt,
    }).from(steps).where(eq(steps.runId, runId)).orderBy(asc(steps.id)),
    db.select({ nodeId: waits.nodeId, eventType: waits.eventType, createdAt: waits.createdAt, eventSeq: waits.eventSeq })
      .from(waits).where(eq(waits.runId, runId)),
    db.select().from(events).where(eq(events.seq, run.eventSeq)),
    db.select().from(events).where(and(eq(events.source, `/workflows/${run.workflowId}`), like(events.id, `${runId}:%`)))
      .orderBy(asc(events.seq)).limit(1000),
  ]);
  const waitOf = new Map(waitRows.map((w) => [w.nodeId, w]));
  return {
    run: {
      id: run.id, workflowId: run.workflowId, version: run.version, status: run.status, eventSeq: run.eventSeq,
      // A replay of an event that never started this workflow has no original run: replay_of then holds the replay.
      replayOf: run.replayOf !== run.replayId ? run.replayOf : null,
      error: run.error, createdAt: run.createdAt.toISOString(), startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt),
    },
    document: row.document as WorkflowDocument,
    steps: stepRows.map((s) => {
      const w = waitOf.get(s.nodeId);
      return {
        ...s, dueAt: iso(s.dueAt), startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt),
        ...(w && { waitingSince: w.createdAt.toISOString(), waitingFor: w.eventType, ...(w.eventSeq !== null && { receivedSeq: w.eventSeq }) }),
      };
    }),
    trigger: triggerRows[0] ? eventSummary(toLoggedEvent(triggerRows[0])) : null,
    emitted: emittedRows.map((e) => eventSummary(toLoggedEvent(e))),
    cursor,
  };
}

/** One step with its input and output, for the inspector. */
export async function stepDetail(db: Db, runId: string, nodeId: string) {
  if (!isUuid(runId)) throw notFound('step');
  const [s] = await db.select().from(steps).where(and(eq(steps.runId, runId), eq(steps.nodeId, nodeId)));
  if (!s) throw notFound('step');
  return {
    nodeId: s.nodeId, status: s.status, attempt: s.attempt, handle: s.handle, input: s.input, output: s.output, error: s.error,
    dueAt: iso(s.dueAt), startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt), updatedAt: s.updatedAt.toISOString(),
  };
}

/** Where a fresh page's live stream should start. */
export async function liveCursorNow(db: Db): Promise<string> {
  return encodeLiveCursor({ seq: await logHead(db), ms: Date.now() });
}

