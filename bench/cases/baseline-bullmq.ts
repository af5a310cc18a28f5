import fs from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { createRedis } from '@/lib/jobs/queues';
import { inheritedEnv, spawnGroup } from '../process-group';
import { paced } from '../pace';
import { repoRoot } from '../stack';
import { nowMs, percentile } from '../stats';
import type { CaseContext } from './context';

interface ChildResult { firstStartMs: number; lastDoneMs: number; latenciesMs: number[] }

const QUEUE = 'noop';
const WARMUP_JOBS = 50;

/** Runs bench/children/noop-worker.ts until it has completed `count` jobs; `feed` adds them once it is ready. */
async function withNoopWorker(ctx: CaseContext, prefix: string, count: number, feed: () => Promise<void>): Promise<ChildResult> {
  const out = path.join(ctx.infra.root, `noop-${prefix}-${count}.json`);
  const child = spawnGroup('bullmq-noop-worker', process.execPath, [
    '--import', 'tsx', 'bench/children/noop-worker.ts', '--redis', ctx.infra.redisUrl, '--prefix', prefix,
    '--queue', QUEUE, '--count', String(count), '--concurrency', String(ctx.config.bullmq.concurrency), '--out', out,
  ], { env: inheritedEnv(), cwd: repoRoot, readyPattern: /^ready$/m });
  const stop = ctx.cleanup.add(child.name, () => child.stop());
  try {
    await child.ready;
    await feed();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the BullMQ no-op worker did not finish')), 120_000).unref());
    const code = await Promise.race([child.exited, timeout]);
    if (code !== 0) throw new Error(`the BullMQ no-op worker exited with ${code}:\n${child.output().slice(-2000)}`);
    return JSON.parse(await fs.readFile(out, 'utf8')) as ChildResult;
  } finally {
    await stop();
  }
}

/** Raw BullMQ on the same Redis: addBulk rate, drain rate at concurrency 50, add-to-start latency across processes. */
export async function bullmqBaseline(ctx: CaseContext): Promise<void> {
  const { bulkJobs, bulkChunk, latencyRate, latencySeconds, concurrency } = ctx.config.bullmq;
  const connection = createRedis(ctx.infra.redisUrl);
  const queues: Queue[] = [];
  const queueFor = (prefix: string) => {
    const queue = new Queue(QUEUE, { connection, prefix, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
    queues.push(queue);
    return queue;
  };
  try {
    // addBulk with no worker attached, then a separate worker process drains the backlog.
    const drainQueue = queueFor('bench_bullmq_drain');
    const addStart = nowMs();
    for (let from = 0; from < bulkJobs; from += bulkChunk) {
      await drainQueue.addBulk(Array.from({ length: Math.min(bulkChunk, bulkJobs - from) }, (_, i) => ({ name: 'noop', data: { i: from + i } })));
    }
    const addSeconds = (nowMs() - addStart) / 1000;
    ctx.results.add('baseline', { id: 'bullmq.addBulk', label: `BullMQ addBulk (chunks of ${bulkChunk})`, value: bulkJobs / addSeconds, unit: 'jobs/s' });

    const drained = await withNoopWorker(ctx, 'bench_bullmq_drain', bulkJobs, async () => {});
    ctx.results.add('baseline', {
      id: 'bullmq.drain', label: `BullMQ drain, no-op, concurrency ${concurrency}, separate process`,
      value: bulkJobs / ((drained.lastDoneMs - drained.firstStartMs) / 1000), unit: 'jobs/s',
    });

    // Latency: one add at a time at a steady rate, a worker waiting in another process.
    const latencyQueue = queueFor('bench_bullmq_latency');
    const measured = Math.max(1, Math.round(latencyRate * latencySeconds));
    const timed = await withNoopWorker(ctx, 'bench_bullmq_latency', WARMUP_JOBS + measured, async () => {
      await latencyQueue.addBulk(Array.from({ length: WARMUP_JOBS }, () => ({ name: 'noop', data: {} })));
      await paced(latencyRate, latencySeconds * 1000, () => latencyQueue.add('noop', { t: nowMs() }));
    });
    const note = `${timed.latenciesMs.length} jobs added one by one at ${latencyRate}/s`;
    ctx.results.add('baseline', { id: 'bullmq.latency.p50', label: 'BullMQ add -> processor start p50', value: percentile(timed.latenciesMs, 50), unit: 'ms', note });
    ctx.results.add('baseline', { id: 'bullmq.latency.p99', label: 'BullMQ add -> processor start p99', value: percentile(timed.latenciesMs, 99), unit: 'ms', note });
  } finally {
    for (const queue of queues) await queue.obliterate({ force: true }).catch(() => {});
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}
