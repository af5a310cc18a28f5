import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runs, workflows } from '@/db/schema';
import type { LoggedEvent } from '@/lib/events/types';
import { firedTrigger } from '@/lib/runs/route-event';
import { loadVersion, type LoadedVersion } from '@/lib/runs/versions';
import { replayAsOf } from './marks';
import { liveVersionsNow } from './scope';

/** One run a replay starts: the event, the version to run, the trigger that fired, the run it replays. */
export interface RunTarget {
  event: LoggedEvent;
  version: LoadedVersion;
  triggerNodeId: string;
  originalRunId: string | null;
}

export interface TargetRule {
  version: 'pinned' | 'latest';
  /** null: every workflow. */
  workflowIds: string[] | null;
}

type Original = { id: string; eventSeq: number; workflowId: string; versionId: string; triggerNodeId: string };

/**
 * The runs to start for a batch of events. `latest`: the version live now of each workflow in
 * scope whose trigger matches. `pinned`: the version of the event's original run for that workflow,
 * or else the version live when the event was logged (or at `replayasof`, for events a replay
 * emitted), if its trigger matches. Deleted workflows are never replayed to.
 */
export async function replayTargets(db: Db, rule: TargetRule, batch: LoggedEvent[]): Promise<RunTarget[]> {
  if (batch.length === 0) return [];
  const originals = await originalRuns(db, batch.map((e) => e.seq));
  const targets: RunTarget[] = [];
  if (rule.version === 'latest') {
    const live = await liveVersionsNow(db, rule.workflowIds);
    for (const event of batch) {
      for (const version of live) {
        const trigger = await firedTrigger(version, event);
        const original = originals.get(`${event.seq}/${version.workflowId}`);
        if (trigger) targets.push({ event, version, triggerNodeId: trigger.id, originalRunId: original?.id ?? null });
      }
    }
    return targets;
  }
  const allowed = await workflowsInScope(db, rule.workflowIds);
  const liveThen = await liveVersionsAt(db, batch);
  for (const event of batch) {
    for (const workflowId of allowed) {
      const original = originals.get(`${event.seq}/${workflowId}`);
      if (original) {
        targets.push({ event, version: await loadVersion(db, original.versionId), triggerNodeId: original.triggerNodeId, originalRunId: original.id });
        continue;
      }
      const versionId = liveThen.get(`${event.seq}/${workflowId}`);
      if (!versionId) continue;
      const version = await loadVersion(db, versionId);
      const trigger = await firedTrigger(version, event);
      if (trigger) targets.push({ event, version, triggerNodeId: trigger.id, originalRunId: null });
    }
  }
  return targets;
}

/** The runs routing started for these events (not replays), by `seq/workflowId`. */
async function originalRuns(db: Db, seqs: number[]): Promise<Map<string, Original>> {
  const rows = await db.select({ id: runs.id, eventSeq: runs.eventSeq, workflowId: runs.workflowId, versionId: runs.versionId, triggerNodeId: runs.triggerNodeId })
    .from(runs).where(and(inArray(runs.eventSeq, seqs), isNull(runs.replayOf)));
  return new Map(rows.map((r) => [`${r.eventSeq}/${r.workflowId}`, r]));
}

async function workflowsInScope(db: Db, ids: string[] | null): Promise<string[]> {
  const rows = await db.select({ id: workflows.id }).from(workflows).where(and(isNull(workflows.deletedAt), ids ? inArray(workflows.id, ids) : undefined));
  return rows.map((r) => r.id);
}

/** For each event, the version of each workflow live when it was logged (or at its `replayasof`), by `seq/workflowId`. */
async function liveVersionsAt(db: Db, batch: LoggedEvent[]): Promise<Map<string, string>> {
  const moments = batch.map((e) => ({ seq: e.seq, at: (replayAsOf(e) ?? new Date(e.receivedAt)).toISOString() }));
  const rows = await db.execute<{ seq: number; workflow_id: string; version_id: string }>(sql`
    select e.seq, a.workflow_id, a.version_id
    from jsonb_to_recordset(${JSON.stringify(moments)}::jsonb) as e(seq bigint, at timestamptz)
    cross join lateral (
      select distinct on (workflow_id) workflow_id, version_id from activations
      where at <= e.at order by workflow_id, at desc, id desc
    ) a
    where a.version_id is not null`);
  return new Map(rows.rows.map((r) => [`${Number(r.seq)}/${r.workflow_id}`, r.version_id]));
}
