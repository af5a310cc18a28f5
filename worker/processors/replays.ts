import type { Job, Processor } from 'bullmq';
import { parsePayload } from '@/lib/jobs/catalog';
import type { QueueSet } from '@/lib/jobs/queues';
import { replayEventRouter } from '@/lib/replays/cascade';
import { processReplayJob } from '@/lib/replays/process';
import { sweepReplays } from '@/lib/replays/sweep';
import { sweepRetention } from '@/lib/retention/sweep';
import type { ShadowDeps } from '@/lib/shadow/batch';

const SWEEP_EVERY_MS = 10_000;
const RETENTION_EVERY_MS = 60_000;

/**
 * The worker side of replays and retention: the `replays` queue (batch jobs and the sweep that
 * re-adds lost ones) runs at low concurrency beside the live queues, so a long replay only ever
 * has one batch in hand per worker; `retention` removes expired events once a minute.
 */
export function replayProcessors(deps: ShadowDeps) {
  const replays: Processor = async (job: Job) => {
    if (job.name === 'replay-sweep') return sweepReplays(deps);
    const { replayId, batch } = parsePayload('replay-batch', job.data);
    await processReplayJob(deps, replayId, batch);
  };
  const retention: Processor = async () => sweepRetention(deps.db, { logger: deps.logger });
  return {
    processors: { replays: { processor: replays, concurrency: 2 }, retention: { processor: retention, concurrency: 1 } },
    routeReplayEvent: replayEventRouter(deps),
    async schedule(queues: QueueSet): Promise<void> {
      await queues.queue('replays').upsertJobScheduler('replay-sweep', { every: SWEEP_EVERY_MS }, { name: 'replay-sweep', data: {} });
      await queues.queue('retention').upsertJobScheduler('retention', { every: RETENTION_EVERY_MS }, { name: 'retention', data: {} });
    },
  };
}
