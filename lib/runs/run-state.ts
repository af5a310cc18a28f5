import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runs, steps, type RunStatus, type StepStatus } from '@/db/schema';

export type RunRow = typeof runs.$inferSelect;
export type StepRow = typeof steps.$inferSelect;
type Finished = Record<string, { state: 'done'; handle: string } | { state: 'skipped' }>;

export const terminalRunStatuses: RunStatus[] = ['succeeded', 'failed', 'cancelled'];
export const isTerminalRun = (status: RunStatus) => terminalRunStatuses.includes(status);
export const isOpenStep = (s: Pick<StepRow, 'status'>) => s.status === 'pending' || s.status === 'running' || s.status === 'waiting';

export type RunState = { run: RunRow; steps: StepRow[] };

/** A run and its steps, in one statement. */
export async function loadRun(db: Db, runId: string): Promise<RunState | undefined> {
  const found = await db.query.runs.findFirst({ where: eq(runs.id, runId), with: { steps: { orderBy: asc(steps.id) } } });
  if (!found) return undefined;
  const { steps: rows, ...run } = found;
  return { run, steps: rows };
}

/** A failed step blocks the run unless its node's onError gave it a handle to continue by. */
export const isBlockingFailure = (s: Pick<StepRow, 'status' | 'handle'>) => s.status === 'failed' && s.handle === null;

/** What the planner needs: each finished step's taken handle, or that it was skipped. */
export function finishedMap(rows: Pick<StepRow, 'nodeId' | 'status' | 'handle'>[]): Finished {
  const finished: Finished = {};
  for (const s of rows) {
    if (s.status === 'skipped') finished[s.nodeId] = { state: 'skipped' };
    else if ((s.status === 'succeeded' || s.status === 'failed') && s.handle !== null) finished[s.nodeId] = { state: 'done', handle: s.handle };
  }
  return finished;
}

/** `steps` as expressions see it: each finished step's output by node id. */
export function stepOutputs(rows: Pick<StepRow, 'nodeId' | 'status' | 'handle' | 'output'>[]): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const s of rows) {
    if ((s.status === 'succeeded' || s.status === 'failed') && s.handle !== null) outputs[s.nodeId] = s.output;
  }
  return outputs;
}

/** A step row as a statement that returned only its id just created it (the columns it left to defaults). */
export function createdStepRow(runId: string, created: { id: number; nodeId: string; status: StepStatus; attempt: number; input: unknown }): StepRow {
  const now = new Date();
  return {
    id: created.id, runId, nodeId: created.nodeId, status: created.status, attempt: created.attempt, handle: null, input: created.input, output: null, error: null,
    dueAt: null, startedAt: created.status === 'running' ? now : null, finishedAt: created.status === 'skipped' ? now : null, updatedAt: now,
  };
}
