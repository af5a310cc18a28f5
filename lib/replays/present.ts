import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runs, shadowResults, type RunStatus } from '@/db/schema';
import type { ReplayRow } from './store';

export type RunCounts = Record<RunStatus, number>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const emptyCounts = (): RunCounts => ({ queued: 0, running: 0, waiting: 0, succeeded: 0, failed: 0, cancelled: 0 });

/** Runs of each replay by status (one query for a page of replays). */
export async function runCounts(db: Db, ids: string[]): Promise<Map<string, RunCounts>> {
  const out = new Map(ids.map((id) => [id, emptyCounts()]));
  if (ids.length === 0) return out;
  const rows = await db.select({ replayId: runs.replayId, status: runs.status, n: sql<number>`count(*)::int` })
    .from(runs).where(inArray(runs.replayId, ids)).groupBy(runs.replayId, runs.status);
  for (const r of rows) out.get(r.replayId!)![r.status] = Number(r.n);
  return out;
}

/** Shadow results of each replay: how many (event, workflow) pairs were compared, and how many differ. */
export async function shadowCounts(db: Db, ids: string[]): Promise<Map<string, { compared: number; differing: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({
    replayId: shadowResults.replayId,
    compared: sql<number>`count(*)::int`,
    differing: sql<number>`count(*) filter (where ${shadowResults.differences} > 0)::int`,
  }).from(shadowResults).where(inArray(shadowResults.replayId, ids)).groupBy(shadowResults.replayId);
  return new Map(rows.map((r) => [r.replayId, { compared: Number(r.compared), differing: Number(r.differing) }]));
}

/** A replay as the API answers it, with its progress. */
export function presentReplay(r: ReplayRow, counts: RunCounts, shadow?: { compared: number; differing: number }) {
  const finished = counts.succeeded + counts.failed + counts.cancelled;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    from: r.fromAt.toISOString(),
    to: r.toAt.toISOString(),
    type: r.typePattern,
    source: r.source,
    workflowIds: r.workflowIds,
    version: r.version,
    cascade: r.cascade,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    walkedAt: iso(r.walkedAt),
    finishedAt: iso(r.finishedAt),
    ...(r.error ? { error: r.error } : {}),
    estimate: { events: r.eventsTotal, runs: r.runsEstimate },
    progress: {
      events: { done: r.eventsDone, total: r.eventsTotal },
      runs: {
        started: finished + counts.queued + counts.running + counts.waiting,
        finished,
        inFlight: counts.queued + counts.running + counts.waiting,
        ...counts,
      },
      ...(r.kind === 'shadow' ? { compared: shadow?.compared ?? 0, differing: shadow?.differing ?? 0 } : {}),
    },
  };
}

export type ReplayView = ReturnType<typeof presentReplay>;
