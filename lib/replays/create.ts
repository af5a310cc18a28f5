import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, replays } from '@/db/schema';
import { estimateReplay, type ReplayEstimate } from './estimate';
import type { ReplayView } from './present';
import { getReplay } from './queries';
import { parseReplayRequest } from './request';
import { scopeWorkflows } from './scope';
import { enqueueBatch, type ReplayDeps } from './store';

export type DryRun = ReplayEstimate & { dryRun: true; from: string; to: string };

/** The log's last position now: a replay never walks past it, so it never replays what it emits itself. */
async function lastSeq(db: Db): Promise<number> {
  const rows = await db.execute<{ seq: number | null }>(sql`select max(seq) as seq from ${events}`);
  return Number(rows.rows[0]?.seq ?? 0);
}

/** Where the walk starts: just before the first event received at or after `from`. */
async function startSeq(db: Db, from: Date, maxSeq: number): Promise<number> {
  const rows = await db.execute<{ seq: number | null }>(sql`select min(seq) as seq from ${events} where received_at >= ${from.toISOString()}::timestamptz`);
  const first = rows.rows[0]?.seq;
  return first === null || first === undefined ? maxSeq : Number(first) - 1;
}

/**
 * `POST /api/replays`: checks the request (400/404/422 store nothing), counts what it would cause,
 * and unless `dryRun` stores the replay and queues its first batch. The range ends at `to` or now,
 * whichever is earlier, and at the log's current end.
 */
export async function createReplay(deps: ReplayDeps, body: unknown, createdBy: string | null): Promise<DryRun | ReplayView> {
  const now = new Date();
  const req = parseReplayRequest(body, now);
  const scoped = await scopeWorkflows(deps.db, req.workflowIds, req.version);
  const range = { fromAt: req.from, toAt: req.to.getTime() > now.getTime() ? now : req.to, typePattern: req.type ?? null, source: req.source ?? null };
  const maxSeq = await lastSeq(deps.db);
  const estimate = await estimateReplay(deps.db, range, maxSeq, req.version, scoped);
  if (req.dryRun) return { dryRun: true, from: range.fromAt.toISOString(), to: range.toAt.toISOString(), ...estimate };

  const [row] = await deps.db.insert(replays).values({
    kind: req.version === 'draft' ? 'shadow' : 'replay',
    fromAt: range.fromAt, toAt: range.toAt, typePattern: range.typePattern, source: range.source,
    workflowIds: req.workflowIds ?? null, version: req.version, cascade: req.cascade,
    drafts: req.version === 'draft' ? Object.fromEntries(scoped.map((w) => [w.id, w.draft])) : null,
    cursorSeq: await startSeq(deps.db, range.fromAt, maxSeq), maxSeq,
    eventsTotal: estimate.events, runsEstimate: estimate.runs, createdBy,
  }).returning({ id: replays.id });
  // If Redis is away now, the sweep (lib/replays/sweep.ts) queues the first batch later.
  await enqueueBatch(deps.producer, row.id, 0).catch((err) => deps.logger.warn({ err, replayId: row.id }, 'replay queued later'));
  return getReplay(deps.db, row.id);
}
