import { sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { runs, steps } from '@/db/schema';
import { planNext, startRun } from '@/lib/engine/plan';
import type { Tx } from '@/lib/runs/advance';
import type { StepDispatch } from '@/lib/runs/step-jobs';
import type { RunTarget } from './targets';

export interface StartedRuns {
  /** (run id, event seq, workflow id) of each run created now; a target already started by this replay is skipped. */
  created: { id: string; eventSeq: number; workflowId: string }[];
  /** Their first steps, to hand to the queue once the transaction commits. */
  dispatch: StepDispatch[];
}

/**
 * Creates the runs of a replay, as routing does for live events but marked: `replay_id` is the
 * replay, `replay_of` the original run, or the replay's id when there is none (so the partial
 * unique index of live routing never applies). The unique (replay, event, workflow) index makes a
 * repeated batch create nothing twice.
 */
export async function startReplayRuns(tx: Tx, replayId: string, targets: RunTarget[]): Promise<StartedRuns> {
  if (targets.length === 0) return { created: [], dispatch: [] };
  const plans = targets.map((t) => {
    const finished = startRun(t.version.document, t.triggerNodeId);
    return { target: t, finished, plan: planNext(t.version.document, finished) };
  });
  const inserted = await tx.insert(runs).values(plans.map(({ target: t, plan }) => ({
    workflowId: t.version.workflowId, versionId: t.version.id, version: t.version.version, eventSeq: t.event.seq,
    triggerNodeId: t.triggerNodeId, replayId, replayOf: t.originalRunId ?? replayId,
    ...(plan.ready.length === 0 ? { status: 'succeeded' as const, startedAt: sql`clock_timestamp()`, finishedAt: sql`clock_timestamp()` } : {}),
  }))).onConflictDoNothing().returning({ id: runs.id, eventSeq: runs.eventSeq, workflowId: runs.workflowId });

  const byKey = new Map(inserted.map((r) => [`${r.eventSeq}/${r.workflowId}`, r.id]));
  const stepRows: PgInsertValue<typeof steps>[] = [];
  const dispatch: StepDispatch[] = [];
  for (const { target: t, finished, plan } of plans) {
    const runId = byKey.get(`${t.event.seq}/${t.version.workflowId}`);
    if (!runId) continue;
    const skipped = [...Object.keys(finished).filter((id) => id !== t.triggerNodeId), ...plan.skipped];
    stepRows.push(
      { runId, nodeId: t.triggerNodeId, status: 'succeeded', handle: 'out', output: t.event, attempt: 1, startedAt: sql`clock_timestamp()`, finishedAt: sql`clock_timestamp()` },
      ...skipped.map((nodeId) => ({ runId, nodeId, status: 'skipped' as const, finishedAt: sql`clock_timestamp()` })),
      ...plan.ready.map((nodeId) => ({ runId, nodeId, status: 'pending' as const })),
    );
    dispatch.push(...plan.ready.map((nodeId) => ({ runId, nodeId, status: 'pending' as const, attempt: 0 })));
  }
  if (stepRows.length > 0) await tx.insert(steps).values(stepRows);
  return { created: inserted, dispatch };
}
