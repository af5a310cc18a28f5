import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { replays, runs, type RunStatus } from '@/db/schema';
import { dispatchReplaySteps } from './dispatch';
import { startReplayRuns } from './start-runs';
import { claimBatch, deferBatch, enqueueBatch, nextEvents, type ReplayDeps, type ReplayRow } from './store';
import { replayTargets } from './targets';

/** Events walked per batch job. */
export const BATCH_EVENTS = 100;
/**
 * A batch starts only while fewer than this many of the replay's runs are queued or running, so a
 * replay of 100,000 events holds at most one window and one batch of runs in flight (bounded Redis
 * memory, quick cancel). Their step jobs also queue behind all live work (lib/replays/dispatch.ts).
 */
export const WINDOW_RUNS = 100;
const ROOM_POLL_MS = 100;

export async function countRuns(db: Db, replayId: string, statuses: RunStatus[]): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(runs).where(and(eq(runs.replayId, replayId), inArray(runs.status, statuses)));
  return Number(row?.n ?? 0);
}

/**
 * One job of a replay: walks the next batch of events into runs and hands itself on to the next
 * batch. The runs, the cursor and the batch number commit together under the replay's row lock,
 * so a repeated or stale job (pause, resume and cancel bump the batch) creates nothing.
 */
export async function processReplayBatch(deps: ReplayDeps, replay: ReplayRow): Promise<void> {
  if (replay.walkedAt) return finishWhenSettled(deps, replay);
  if (await countRuns(deps.db, replay.id, ['queued', 'running']) >= WINDOW_RUNS) return deferBatch(deps, replay, ROOM_POLL_MS);

  const batch = await nextEvents(deps.db, replay, BATCH_EVENTS);
  const walked = batch.length < BATCH_EVENTS;
  const targets = await replayTargets(deps.db, { version: replay.version === 'latest' ? 'latest' : 'pinned', workflowIds: replay.workflowIds }, batch);
  const started = await deps.db.transaction(async (tx) => {
    if (!await claimBatch(tx, replay.id, replay.batch)) return null;
    const result = await startReplayRuns(tx, replay.id, targets);
    await tx.update(replays).set({
      batch: replay.batch + 1,
      cursorSeq: batch.length > 0 ? batch[batch.length - 1].seq : replay.cursorSeq,
      eventsDone: sql`${replays.eventsDone} + ${batch.length}`,
      error: null,
      updatedAt: sql`clock_timestamp()`,
      ...(walked ? { walkedAt: sql`clock_timestamp()` } : {}),
    }).where(eq(replays.id, replay.id));
    return result;
  });
  if (!started) return;
  await dispatchReplaySteps(deps.queues, started.dispatch);
  await enqueueBatch(deps.producer, replay.id, replay.batch + 1);
}

/** After the walk: completes the replay once none of its runs is open; until then checks back, less often as time goes by. */
async function finishWhenSettled(deps: ReplayDeps, replay: ReplayRow): Promise<void> {
  if (await countRuns(deps.db, replay.id, ['queued', 'running', 'waiting']) > 0) {
    const waited = Date.now() - replay.walkedAt!.getTime();
    return deferBatch(deps, replay, Math.min(5_000, Math.max(200, waited / 10)));
  }
  await deps.db.update(replays).set({ status: 'completed', finishedAt: sql`clock_timestamp()`, batch: replay.batch + 1, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(replays.id, replay.id), eq(replays.batch, replay.batch), eq(replays.status, 'running')));
}
