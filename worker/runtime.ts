import { DelayedError, Worker, type Processor } from 'bullmq';
import { createDatabase } from '@/db/client';
import type { Env } from '@/lib/env';
import { jobCatalog, parsePayload, type QueueName } from '@/lib/jobs/catalog';
import { createProducer, createQueueSet, createRedis } from '@/lib/jobs/queues';
import { createLivePublisher } from '@/lib/live/publisher';
import { createLogger } from '@/lib/logger';
import { processStep } from '@/lib/runs/execute-step';
import { reconcile } from '@/lib/runs/reconcile';
import { createGroupRouter } from '@/lib/runs/group-route';
import { createSecretReader } from '@/lib/secrets/reader';
import { syncAllSchedules } from '@/lib/workflows/schedules';
import { createPortsFactory } from './adapters/ports';
import { codePreviewProcessor, CODE_PREVIEW_CONCURRENCY } from './processors/code-preview';
import { tickProcessor } from './processors/tick';
import { replayProcessors } from './processors/replays';

export interface WorkerRuntime {
  /** Stops taking jobs, lets the running ones finish (SIGTERM drains), then closes connections. */
  close(): Promise<void>;
}

const RECONCILE_EVERY_MS = 5_000;

export async function startWorkerRuntime(env: Env, opts: { reconcileGraceSeconds?: number } = {}): Promise<WorkerRuntime> {
  if (!env.DATABASE_URL || !env.REDIS_URL) throw new Error('DATABASE_URL and REDIS_URL must be set for a worker');
  const logger = createLogger('worker', env.LOG_LEVEL);
  // Step bookkeeping commits asynchronously: a PostgreSQL crash can lose the last moments of it, and
  // then those steps run again (steps are at-least-once with stable idempotency keys). Events that
  // senders were told are stored are written by the web process, which commits synchronously.
  const database = createDatabase(env.DATABASE_URL, { max: Math.min(50, env.WORKER_CONCURRENCY + 5), synchronousCommit: false });
  const queues = createQueueSet(env.REDIS_URL, env.CAUSEWAY_QUEUE_PREFIX);
  const producer = createProducer(queues);
  const db = database.db;
  const append = { db, producer, onEnqueueError: (err: unknown) => logger.warn({ err }, 'enqueue after append failed; the reconciler will route') };
  const ports = createPortsFactory({ append, httpAllow: env.CAUSEWAY_HTTP_ALLOW });
  const liveRedis = createRedis(env.REDIS_URL, { failFast: true });
  const live = createLivePublisher(liveRedis, env.CAUSEWAY_QUEUE_PREFIX, (err) => logger.debug({ err }, 'live publish dropped'));
  const stepDeps = { db, producer, logger, ports, secrets: createSecretReader(db, env), live };

  const previews = codePreviewProcessor({ httpAllow: env.CAUSEWAY_HTTP_ALLOW });
  const replayWork = replayProcessors({ db, producer, queues, logger, runCode: ports.runCode });

  const route = createGroupRouter({ db, producer, logger, live, routeReplayEvent: replayWork.routeReplayEvent, runInline: (s) => processStep(stepDeps, s.runId, s.nodeId, s) });

  const processors: Record<QueueName, { processor: Processor; concurrency: number }> = {
    events: {
      processor: async (job) => route(parsePayload('route', job.data).seqs),
      concurrency: env.WORKER_CONCURRENCY,
    },
    steps: {
      processor: async (job, token) => {
        const { runId, nodeId } = parsePayload('step', job.data);
        const { notBefore } = await processStep(stepDeps, runId, nodeId);
        if (notBefore && token) {
          // Arrived early (clock skew between hosts): back to the delayed set under the same job id.
          await job.moveToDelayed(notBefore.getTime(), token);
          throw new DelayedError();
        }
      },
      concurrency: env.WORKER_CONCURRENCY,
    },
    schedules: { processor: tickProcessor(append), concurrency: 4 },
    previews: { processor: previews.processor, concurrency: CODE_PREVIEW_CONCURRENCY },
    ...replayWork.processors,
    maintenance: {
      processor: async () => reconcile({ db, producer, queues, logger }, opts.reconcileGraceSeconds),
      concurrency: 1,
    },
  };

  const connections: ReturnType<typeof createRedis>[] = [];
  const workers = (Object.keys(processors) as QueueName[]).map((name) => {
    const { processor, concurrency } = processors[name];
    const connection = createRedis(env.REDIS_URL!);
    connections.push(connection);
    const worker = new Worker(name, processor, {
      connection,
      prefix: env.CAUSEWAY_QUEUE_PREFIX,
      concurrency,
      lockDuration: 15_000,
      stalledInterval: 10_000,
      maxStalledCount: 2,
    });
    // drizzle's error carries only the failed SQL; PostgreSQL's own message (a deadlock, a constraint) is its cause
    worker.on('failed', (job, err) => logger.warn({ queue: name, jobId: job?.id, err: err.message, cause: (err.cause as Error | undefined)?.message }, 'job failed'));
    worker.on('error', (err) => logger.error({ queue: name, err: err.message }, 'worker error'));
    return worker;
  });

  await queues.queue(jobCatalog.reconcile.queue).upsertJobScheduler('reconcile', { every: RECONCILE_EVERY_MS }, { name: 'reconcile', data: {} });
  await replayWork.schedule(queues);
  await syncAllSchedules(db, queues).catch((err) => logger.error({ err: err.message }, 'schedule sync failed'));
  logger.info({ concurrency: env.WORKER_CONCURRENCY }, 'worker started');

  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await previews.close();
      for (const c of connections) c.disconnect();
      await queues.close();
      await database.close();
      logger.info('worker stopped');
    },
  };
}
