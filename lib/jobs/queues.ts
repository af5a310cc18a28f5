import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { defaultJobOptions, jobCatalog, type JobName, type JobPayload, type QueueName, queueNames } from './catalog';

export interface QueueSet {
  prefix: string;
  connection: Redis;
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

/** A Redis connection for BullMQ; `failFast` makes producers error at once while Redis is down. */
export function createRedis(url: string, opts: { failFast?: boolean } = {}): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true };
  if (opts.failFast) Object.assign(options, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const redis = new Redis(url, options);
  redis.on('error', () => { /* reconnects by itself; health reports it */ });
  return redis;
}

export function createQueueSet(redisUrl: string, prefix: string, opts: { failFast?: boolean } = {}): QueueSet {
  const connection = createRedis(redisUrl, opts);
  const queues = new Map<QueueName, Queue>();
  return {
    prefix,
    connection,
    queue(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Queue(name, { connection, prefix, defaultJobOptions });
        queue.on('error', () => {});
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}

export const allQueueNames = queueNames;

/** BullMQ refuses ':' in custom ids; ours are built from uuids and node ids joined by '_'. */
export function jobId(...parts: (string | number)[]): string {
  return parts.join('_');
}

export interface Producer {
  add<N extends JobName>(name: N, payload: JobPayload<N>, opts?: { jobId?: string; delayMs?: number }): Promise<void>;
  addBulk<N extends JobName>(name: N, jobs: { payload: JobPayload<N>; jobId?: string; delayMs?: number }[]): Promise<void>;
}

export function createProducer(queues: QueueSet): Producer {
  const toJob = <N extends JobName>(name: N, payload: JobPayload<N>, jobIdValue?: string, delayMs?: number) => ({
    name,
    data: jobCatalog[name].payload.parse(payload),
    opts: { jobId: jobIdValue, delay: delayMs && delayMs > 0 ? Math.ceil(delayMs) : undefined },
  });
  return {
    async add(name, payload, opts = {}) {
      const job = toJob(name, payload, opts.jobId, opts.delayMs);
      await queues.queue(jobCatalog[name].queue).add(job.name, job.data, job.opts);
    },
    async addBulk(name, jobs) {
      if (jobs.length === 0) return;
      await queues.queue(jobCatalog[name].queue).addBulk(jobs.map((j) => toJob(name, j.payload, j.jobId, j.delayMs)));
    },
  };
}
