import { z } from 'zod';

/**
 * Every job Causeway puts on a queue: its queue, payload schema and how BullMQ retries it.
 * Producer and processors both parse through these schemas.
 * Job state of record lives in PostgreSQL, so finished jobs are removed from Redis and the
 * reconciler can re-add any job whose work the database still shows as open.
 */
export const jobCatalog = {
  route: {
    queue: 'events',
    payload: z.object({ seq: z.number().int().positive() }),
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
