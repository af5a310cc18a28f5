import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, replays } from '@/db/schema';
import { toLoggedEvent } from '@/lib/events/serialize';
import type { LoggedEvent } from '@/lib/events/types';
import { jobId, type Producer, type QueueSet } from '@/lib/jobs/queues';
import type { Logger } from '@/lib/logger';
import type { Tx } from '@/lib/runs/advance';
import { rangeFilter } from './range';

export type ReplayRow = typeof replays.$inferSelect;

export interface ReplayDeps {
  db: Db;
  producer: Producer;
  /** For replayed runs' step jobs, which go on the queue with a priority (lib/replays/dispatch.ts). */
  queues: QueueSet;
  logger: Logger;
}

export async function loadReplay(db: Db, id: string): Promise<ReplayRow | undefined> {
  const [row] = await db.select().from(replays).where(eq(replays.id, id));
  return row;
}

/** The replay row, locked, if batch `batch` is still the one to run; otherwise null (a stale or repeated job). */
export async function claimBatch(tx: Tx, id: string, batch: number): Promise<ReplayRow | null> {
  const [row] = await tx.select().from(replays).where(and(eq(replays.id, id), eq(replays.batch, batch), eq(replays.status, 'running'))).for('update');
  return row ?? null;
}

/** The next events of the walk, in log order. */
export async function nextEvents(db: Db, replay: ReplayRow, limit: number): Promise<LoggedEvent[]> {
  const rows = await db.select().from(events)
    .where(and(gt(events.seq, replay.cursorSeq), lte(events.seq, replay.maxSeq), rangeFilter({ ...replay })))
    .orderBy(asc(events.seq)).limit(limit);
  return rows.map(toLoggedEvent);
}

/** Hands batch `batch` of a replay to the `replays` queue; one job id per batch, so a re-add is a no-op. */
export async function enqueueBatch(producer: Producer, replayId: string, batch: number, delayMs = 0): Promise<void> {
  await producer.add('replay-batch', { replayId, batch }, { jobId: jobId('replay', replayId, batch), delayMs });
}

/** Moves a running replay to its next batch without walking (waiting for room or for its runs to end). */
export async function deferBatch(deps: ReplayDeps, replay: ReplayRow, delayMs: number): Promise<void> {
  const [moved] = await deps.db.update(replays).set({ batch: replay.batch + 1, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(replays.id, replay.id), eq(replays.batch, replay.batch), eq(replays.status, 'running'))).returning({ id: replays.id });
  if (moved) await enqueueBatch(deps.producer, replay.id, replay.batch + 1, delayMs);
}

/** Notes a failed batch on the replay (the job is retried; the error shows until a batch succeeds). */
export async function recordReplayError(db: Db, id: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  await db.update(replays).set({ error: { message }, updatedAt: sql`clock_timestamp()` }).where(eq(replays.id, id));
}
