import { processShadowBatch, type ShadowDeps } from '@/lib/shadow/batch';
import { processReplayBatch } from './batch';
import { loadReplay, recordReplayError } from './store';

/**
 * The processor of a `replay-batch` job: does batch `batch` of a replay if that is still the one
 * to do (a paused, cancelled or finished replay, or a stale or repeated job, does nothing).
 */
export async function processReplayJob(deps: ShadowDeps, replayId: string, batch: number): Promise<void> {
  const replay = await loadReplay(deps.db, replayId);
  if (!replay || replay.status !== 'running' || replay.batch !== batch) return;
  try {
    if (replay.kind === 'shadow') await processShadowBatch(deps, replay);
    else await processReplayBatch(deps, replay);
  } catch (err) {
    await recordReplayError(deps.db, replayId, err).catch(() => {});
    throw err;
  }
}
