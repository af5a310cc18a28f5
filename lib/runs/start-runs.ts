import { inArray, sql, type SQL } from 'drizzle-orm';
import { events, runs, steps } from '@/db/schema';
import type { WorkflowNode } from '@/lib/engine/graph';
import { planNext, startRun } from '@/lib/engine/plan';
import type { LoggedEvent } from '@/lib/events/types';
import type { StartedRun } from '@/lib/live/changes';
import { mentionsSecrets } from '@/lib/secrets/references';
import type { Tx } from './advance';
import type { RunRow } from './run-state';
import type { StepDispatch } from './step-jobs';
import type { LoadedVersion } from './versions';

export type Match = { event: LoggedEvent; version: LoadedVersion; trigger: WorkflowNode };

/** A step row as inserted, its times stamped by PostgreSQL. */
type NewStep = Omit<typeof steps.$inferInsert, 'finishedAt'> & { finishedAt?: SQL };

/**
 * In the routing transaction: the batch's runs, their first steps, and the events marked routed. Hands
 * back the runs each event started and their ready first steps, carrying the rows just written.
 */
export async function startRuns(tx: Tx, matches: Match[], seqs: number[], claimBudget: number): Promise<{ started: Map<number, StartedRun[]>; ready: StepDispatch[] }> {
  const started = new Map<number, StartedRun[]>();
  const claimed: StepDispatch[] = [];
  const pending: StepDispatch[] = [];
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
  return { started, ready: [...claimed, ...pending] };
}
