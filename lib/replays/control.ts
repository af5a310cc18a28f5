import { and, eq, inArray, sql } from 'drizzle-orm';
import { replays, runs, steps, waits } from '@/db/schema';
import { ApiError } from '@/lib/http/errors';
import type { Tx } from '@/lib/runs/advance';
import type { ReplayView } from './present';
import { findReplay, getReplay } from './queries';
import { enqueueBatch, type ReplayDeps, type ReplayRow } from './store';

async function lockReplay(tx: Tx, id: string): Promise<ReplayRow> {
  const [row] = await tx.select().from(replays).where(eq(replays.id, id)).for('update');
  return row;
}

const conflict = (r: ReplayRow, what: string) => new ApiError('conflict', `a ${r.status} replay cannot be ${what}`);

/** Stops feeding events to new runs; runs already started go on. Every change bumps the batch, so a queued job does nothing. */
export async function pauseReplay(deps: ReplayDeps, id: string): Promise<ReplayView> {
  await findReplay(deps.db, id);
  await deps.db.transaction(async (tx) => {
    const r = await lockReplay(tx, id);
    if (r.status !== 'running') throw conflict(r, 'paused');
    await tx.update(replays).set({ status: 'paused', batch: r.batch + 1, updatedAt: sql`clock_timestamp()` }).where(eq(replays.id, id));
  });
  return getReplay(deps.db, id);
}

export async function resumeReplay(deps: ReplayDeps, id: string): Promise<ReplayView> {
  await findReplay(deps.db, id);
  const batch = await deps.db.transaction(async (tx) => {
    const r = await lockReplay(tx, id);
    if (r.status !== 'paused') throw conflict(r, 'resumed');
    await tx.update(replays).set({ status: 'running', batch: r.batch + 1, updatedAt: sql`clock_timestamp()` }).where(eq(replays.id, id));
    return r.batch + 1;
  });
  await enqueueBatch(deps.producer, id, batch).catch((err) => deps.logger.warn({ err, replayId: id }, 'replay resumed; the sweep will queue it'));
  return getReplay(deps.db, id);
}

/**
 * Stops a replay for good: no further batch, and its open runs are cancelled in the same
 * transaction (their queued step jobs then find the runs ended and do nothing). The runs are
 * locked before their steps, in id order, as a settling step locks its run before its steps: with
 * the other order the two deadlock, and PostgreSQL only notices after a second.
 */
export async function cancelReplay(deps: ReplayDeps, id: string): Promise<ReplayView> {
  await findReplay(deps.db, id);
  await deps.db.transaction(async (tx) => {
    const r = await lockReplay(tx, id);
    if (r.status !== 'running' && r.status !== 'paused') throw conflict(r, 'cancelled');
    await tx.update(replays).set({ status: 'cancelled', batch: r.batch + 1, finishedAt: sql`clock_timestamp()`, updatedAt: sql`clock_timestamp()` }).where(eq(replays.id, id));
    const locked = await tx.select({ id: runs.id }).from(runs)
      .where(and(eq(runs.replayId, id), inArray(runs.status, ['queued', 'running', 'waiting'])))
      .orderBy(runs.id).for('no key update');
    const open = locked.map((run) => run.id);
    if (open.length === 0) return;
    await tx.update(steps).set({ status: 'skipped', finishedAt: sql`clock_timestamp()`, updatedAt: sql`clock_timestamp()` })
      .where(and(inArray(steps.runId, open), inArray(steps.status, ['pending', 'running', 'waiting'])));
    await tx.update(waits).set({ status: 'cancelled' }).where(and(inArray(waits.runId, open), eq(waits.status, 'waiting')));
    await tx.update(runs).set({ status: 'cancelled', finishedAt: sql`clock_timestamp()`, updatedAt: sql`clock_timestamp()` })
      .where(inArray(runs.id, open));
  });
  return getReplay(deps.db, id);
}
