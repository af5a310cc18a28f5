import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runs, steps, type RunStatus } from '@/db/schema';
import { eventBySeq } from '@/lib/events/query';
import { ApiError, notFound } from '@/lib/http/errors';
import { decodeTextCursor, encodeCursor } from '@/lib/http/cursor';
import type { Producer } from '@/lib/jobs/queues';
import { retriedMessages } from '@/lib/live/changes';
import type { LivePublisher } from '@/lib/live/publisher';
import { cancelOpenSteps, lockRun } from './advance';
import { isBlockingFailure, isTerminalRun, type RunRow, type StepRow } from './run-state';
import { dispatchSteps } from './step-jobs';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

function presentRun(run: RunRow) {
  return {
    id: run.id, workflowId: run.workflowId, version: run.version, status: run.status,
    eventSeq: run.eventSeq, triggerNodeId: run.triggerNodeId,
    // a replayed run with no original run has replay_of = its replay's id (lib/replays/start-runs.ts)
    ...(run.replayOf && run.replayOf !== run.replayId ? { replayOf: run.replayOf } : {}),
    ...(run.replayId ? { replayId: run.replayId } : {}),
    ...(run.error ? { error: run.error } : {}),
    createdAt: iso(run.createdAt), startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt),
  };
}

function presentStep(step: StepRow) {
  return {
    nodeId: step.nodeId, status: step.status, attempt: step.attempt, handle: step.handle,
    input: step.input, output: step.output, error: step.error,
    dueAt: iso(step.dueAt), startedAt: iso(step.startedAt), finishedAt: iso(step.finishedAt),
  };
}

export interface RunFilters {
  workflowId?: string;
  status?: RunStatus;
  eventSeq?: number;
  /** Created at or after / before these times. */
  after?: Date;
  before?: Date;
  limit: number;
  cursor?: string;
}

/** Newest first; the cursor is the last item's (createdAt, id). */
export async function listRuns(db: Db, f: RunFilters) {
  const where: SQL[] = [];
  if (f.workflowId) where.push(eq(runs.workflowId, f.workflowId));
  if (f.status) where.push(eq(runs.status, f.status));
  if (f.eventSeq !== undefined) where.push(eq(runs.eventSeq, f.eventSeq));
  if (f.after) where.push(gte(runs.createdAt, f.after));
  if (f.before) where.push(lt(runs.createdAt, f.before));
  const cursor = decodeTextCursor(f.cursor);
  if (cursor) {
    const [at, id] = cursor.split('|');
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !isUuid(id ?? '')) throw new ApiError('invalid_query', 'cursor is not valid');
    where.push(or(lt(runs.createdAt, date), and(eq(runs.createdAt, date), lt(runs.id, id)))!);
  }
  const rows = await db.select().from(runs).where(and(...where)).orderBy(desc(runs.createdAt), desc(runs.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentRun),
    nextCursor: rows.length > f.limit ? encodeCursor(`${last.createdAt.toISOString()}|${last.id}`) : null,
  };
}

async function loadRunRow(db: Db, id: string): Promise<RunRow> {
  if (!isUuid(id)) throw notFound('run');
  const [run] = await db.select().from(runs).where(eq(runs.id, id));
  if (!run) throw notFound('run');
  return run;
}

export async function getRun(db: Db, id: string) {
  const run = await loadRunRow(db, id);
  const [event, stepRows] = await Promise.all([
    eventBySeq(db, run.eventSeq),
    db.select().from(steps).where(eq(steps.runId, id)).orderBy(asc(steps.id)),
  ]);
  return { ...presentRun(run), event, steps: stepRows.map(presentStep) };
}

/** Resumes a failed run from its failed steps; succeeded steps keep their outputs. */
export async function retryRun(db: Db, producer: Producer, id: string, live?: LivePublisher) {
  const row = await loadRunRow(db, id);
  const dispatch = await db.transaction(async (tx) => {
    const run = (await lockRun(tx, id))!;
    if (run.status !== 'failed') throw new ApiError('conflict', `only a failed run can be retried; this run is ${run.status}`);
    const failed = (await tx.select().from(steps).where(eq(steps.runId, id))).filter(isBlockingFailure);
    if (failed.length === 0) throw new ApiError('conflict', 'the run has no failed step to retry');
    await tx.update(steps).set({ status: 'pending', dueAt: null, finishedAt: null, updatedAt: sql`clock_timestamp()` })
      .where(inArray(steps.id, failed.map((s) => s.id)));
    await tx.update(runs).set({ status: 'running', error: null, finishedAt: null, updatedAt: sql`clock_timestamp()` }).where(eq(runs.id, id));
    return failed.map((s) => ({ runId: id, nodeId: s.nodeId, status: 'pending' as const, attempt: s.attempt }));
  });
  // announced before the steps are handed to the workers, so their changes always come after it
  live?.publish(retriedMessages(row, dispatch));
  await live?.flush();
  await dispatchSteps(producer, dispatch);
  return getRun(db, id);
}

/** Cancels a run; its delays and waits end with it (their jobs find the run cancelled). */
export async function cancelRun(db: Db, id: string) {
  await loadRunRow(db, id);
  await db.transaction(async (tx) => {
    const run = (await lockRun(tx, id))!;
    if (isTerminalRun(run.status)) throw new ApiError('conflict', `the run has already ended (${run.status})`);
    await cancelOpenSteps(tx, id);
    await tx.update(runs).set({ status: 'cancelled', finishedAt: sql`clock_timestamp()`, updatedAt: sql`clock_timestamp()` }).where(eq(runs.id, id));
  });
  return getRun(db, id);
}
