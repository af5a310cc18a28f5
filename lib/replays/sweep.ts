import { and, eq, sql } from 'drizzle-orm';
import { replays } from '@/db/schema';
import { enqueueBatch, type ReplayDeps } from './store';

/** A running replay's row is touched by every batch; one untouched for this long has lost its job. */
const STALE_SECONDS = 30;

/**
 * Re-adds the job of each running replay that has not moved for a while (its job was lost with
 * Redis, or its first enqueue failed). The job id is the batch's, so a job still there is not doubled.
 */
export async function sweepReplays(deps: ReplayDeps, staleSeconds = STALE_SECONDS): Promise<number> {
  const stale = await deps.db.select({ id: replays.id, batch: replays.batch }).from(replays)
    .where(and(eq(replays.status, 'running'), sql`${replays.updatedAt} < now() - make_interval(secs => ${staleSeconds})`)).limit(100);
  for (const r of stale) await enqueueBatch(deps.producer, r.id, r.batch);
  return stale.length;
}
