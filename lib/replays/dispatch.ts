import { jobCatalog } from '@/lib/jobs/catalog';
import type { QueueSet } from '@/lib/jobs/queues';
import { stepJobId, type StepDispatch } from '@/lib/runs/step-jobs';

/**
 * Replayed runs' first steps go on the `steps` queue with a BullMQ priority: BullMQ hands out every
 * job without one (all live work) before any prioritized job, so live steps never wait behind a replay.
 */
export const REPLAY_STEP_PRIORITY = 1_000;

export async function dispatchReplaySteps(queues: QueueSet, steps: StepDispatch[]): Promise<void> {
  if (steps.length === 0) return;
  await queues.queue(jobCatalog.step.queue).addBulk(steps.map((s) => ({
    name: 'step',
    data: jobCatalog.step.payload.parse({ runId: s.runId, nodeId: s.nodeId }),
    opts: { jobId: stepJobId(s.runId, s.nodeId, s.status, s.attempt), priority: REPLAY_STEP_PRIORITY },
  })));
}
