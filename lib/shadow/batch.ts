import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { replays, runs, shadowResults, steps } from '@/db/schema';
import type { WorkflowDocument } from '@/lib/engine/graph';
import type { LoggedEvent } from '@/lib/events/types';
import { firedTrigger } from '@/lib/runs/route-event';
import { draftVersion } from './draft-version';
import { claimBatch, enqueueBatch, nextEvents, type ReplayDeps, type ReplayRow } from '@/lib/replays/store';
import { compareSteps, type NodeComparison, type StepOutcome } from './compare';
import { simulateRun, type RunCode } from './simulate';

/** Events simulated per batch job (each against every draft of the replay). */
export const SHADOW_BATCH_EVENTS = 50;

export interface ShadowDeps extends ReplayDeps {
  runCode?: RunCode;
}

type Original = { id: string; eventSeq: number; workflowId: string; steps: StepOutcome[] };
type ResultRow = typeof shadowResults.$inferInsert;

/**
 * One job of a shadow replay: runs the next events through each draft in memory and stores, per
 * (event, workflow), how each node's outcome compares with the original run. Nothing else is written.
 */
export async function processShadowBatch(deps: ShadowDeps, replay: ReplayRow): Promise<void> {
  const batch = await nextEvents(deps.db, replay, SHADOW_BATCH_EVENTS);
  const walked = batch.length < SHADOW_BATCH_EVENTS;
  const drafts = Object.entries(replay.drafts ?? {}).map(([id, doc]) => draftVersion(id, doc as WorkflowDocument));
  const originals = await originalRuns(deps.db, batch.map((e) => e.seq), drafts.map((d) => d.workflowId));

  const rows: ResultRow[] = [];
  for (const event of batch) {
    for (const draft of drafts) {
      const original = originals.get(`${event.seq}/${draft.workflowId}`);
      const nodes = await compareOne(deps, draft, event, original);
      if (nodes) rows.push({ replayId: replay.id, eventSeq: event.seq, workflowId: draft.workflowId, originalRunId: original?.id ?? null, nodes, differences: nodes.filter((n) => n.verdict !== 'same').length });
    }
  }

  const committed = await deps.db.transaction(async (tx) => {
    if (!await claimBatch(tx, replay.id, replay.batch)) return false;
    if (rows.length > 0) await tx.insert(shadowResults).values(rows).onConflictDoNothing();
    await tx.update(replays).set({
      batch: replay.batch + 1,
      cursorSeq: batch.length > 0 ? batch[batch.length - 1].seq : replay.cursorSeq,
      eventsDone: sql`${replays.eventsDone} + ${batch.length}`,
      error: null,
      updatedAt: sql`clock_timestamp()`,
      // a shadow starts no runs, so it is complete when the walk is
      ...(walked ? { walkedAt: sql`clock_timestamp()`, finishedAt: sql`clock_timestamp()`, status: 'completed' as const } : {}),
    }).where(eq(replays.id, replay.id));
    return true;
  });
  if (committed && !walked) await enqueueBatch(deps.producer, replay.id, replay.batch + 1);
}

/** The comparison for one (event, draft), or null when neither the draft nor an original run touched the event. */
async function compareOne(deps: ShadowDeps, draft: ReturnType<typeof draftVersion>, event: LoggedEvent, original: Original | undefined): Promise<NodeComparison[] | null> {
  const trigger = await firedTrigger(draft, event);
  const order = draft.document.nodes.map((n) => n.id);
  if (!trigger) return original ? compareSteps(original.steps, [], order) : null;
  const shadow = await simulateRun({
    version: draft, triggerNodeId: trigger.id, event,
    recorded: new Map((original?.steps ?? []).map((s) => [s.nodeId, s])),
    runId: original?.id ?? `shadow-${event.seq}`,
    runCode: deps.runCode,
  });
  return compareSteps(original?.steps ?? [], shadow, order);
}

/** The original runs (not replays) of these events in these workflows, with their steps, by `seq/workflowId`. */
async function originalRuns(db: Db, seqs: number[], workflowIds: string[]): Promise<Map<string, Original>> {
  if (seqs.length === 0 || workflowIds.length === 0) return new Map();
  const found = await db.select({ id: runs.id, eventSeq: runs.eventSeq, workflowId: runs.workflowId }).from(runs)
    .where(and(inArray(runs.eventSeq, seqs), inArray(runs.workflowId, workflowIds), isNull(runs.replayOf)));
  if (found.length === 0) return new Map();
  const stepRows = await db.select({ runId: steps.runId, nodeId: steps.nodeId, status: steps.status, handle: steps.handle, output: steps.output, error: steps.error })
    .from(steps).where(inArray(steps.runId, found.map((r) => r.id)));
  const byRun = new Map<string, StepOutcome[]>();
  for (const s of stepRows) byRun.set(s.runId, [...(byRun.get(s.runId) ?? []), s]);
  return new Map(found.map((r) => [`${r.eventSeq}/${r.workflowId}`, { ...r, steps: byRun.get(r.id) ?? [] }]));
}
