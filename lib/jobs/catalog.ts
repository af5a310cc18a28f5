import { z } from 'zod';
import { codePreviewPayload } from '@/lib/code-preview/job';

/**
 * Every job Causeway puts on a queue: its queue, payload schema and how BullMQ retries it.
 * Producer and processors both parse through these schemas.
 * Job state of record lives in PostgreSQL, so finished jobs are removed from Redis and the
 * reconciler can re-add any job whose work the database still shows as open.
 */
export const jobCatalog = {
  /** Routes a batch of logged events (lib/runs/route-event.ts); lib/events/route-jobs.ts cuts the batches. */
  route: {
    queue: 'events',
    payload: z.object({ seqs: z.array(z.number().int().positive()).min(1).max(1000) }),
  },
  step: {
    queue: 'steps',
    payload: z.object({ runId: z.uuid(), nodeId: z.string().min(1) }),
  },
  tick: {
    queue: 'schedules',
    payload: z.object({ workflowId: z.uuid(), nodeId: z.string().min(1) }),
  },
  reconcile: {
    queue: 'maintenance',
    payload: z.object({}),
  },
  /** One batch of a replay's walk over the log (lib/replays/batch.ts), on its own low-concurrency queue. */
  'replay-batch': {
    queue: 'replays',
    payload: z.object({ replayId: z.uuid(), batch: z.number().int().min(0) }),
  },
  /** Re-adds the batch job of a running replay whose job was lost (lib/replays/sweep.ts). */
  'replay-sweep': {
    queue: 'replays',
    payload: z.object({}),
  },
  /** Removes expired events by the retention policies, in batches (lib/retention/sweep.ts). */
  retention: {
    queue: 'retention',
    payload: z.object({}),
  },
  /** Runs a code node's source once for the editor; tried once (lib/code-preview/job.ts). */
  'code-preview': {
    queue: 'previews',
    payload: codePreviewPayload,
  },
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalog)[N]['payload']>;
export type QueueName = (typeof jobCatalog)[JobName]['queue'];
export const queueNames = [...new Set(Object.values(jobCatalog).map((j) => j.queue))] as QueueName[];

export const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: true,
} as const;

export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return jobCatalog[name].payload.parse(data) as JobPayload<N>;
}
