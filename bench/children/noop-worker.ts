/**
 * A raw BullMQ worker in its own process (the baseline for Causeway's workers): no-op jobs at the
 * given concurrency. It prints "ready" once connected, records for each job the time from
 * `job.data.t` (the producer's clock, epoch ms) to the processor's start, and after `count`
 * completions writes { firstStartMs, lastDoneMs, latenciesMs } to `out` and exits.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { nowMs } from '../stats';

const { values } = parseArgs({
  options: {
    redis: { type: 'string' }, prefix: { type: 'string' }, queue: { type: 'string' },
    count: { type: 'string' }, concurrency: { type: 'string', default: '50' }, out: { type: 'string' },
  },
});
const count = Number(values.count);
const latenciesMs: number[] = [];
let firstStartMs = 0;
let done = 0;

const connection = new Redis(values.redis!, { maxRetriesPerRequest: null });
const worker = new Worker(values.queue!, async (job) => {
  const start = nowMs();
  if (firstStartMs === 0) firstStartMs = start;
  if (typeof job.data?.t === 'number') latenciesMs.push(start - job.data.t);
}, { connection, prefix: values.prefix!, concurrency: Number(values.concurrency) });

worker.on('completed', () => {
  done++;
  if (done !== count) return;
  const lastDoneMs = nowMs();
  fs.writeFileSync(values.out!, JSON.stringify({ firstStartMs, lastDoneMs, latenciesMs }));
  void worker.close().finally(() => { connection.disconnect(); process.exit(0); });
});
worker.on('error', (err) => process.stderr.write(`noop worker error: ${err.message}\n`));

void worker.waitUntilReady().then(() => process.stdout.write('ready\n'));
