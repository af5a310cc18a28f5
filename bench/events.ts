import { randomBytes } from 'node:crypto';
import { appendEvents, type AppendDeps } from '@/lib/events/append';
import type { NewEvent } from '@/lib/events/types';
import { paced } from './pace';

const runTag = randomBytes(4).toString('hex');

export function benchEvent(type: string, n: number): NewEvent {
  return { id: `${type}-${runTag}-${n}-${randomBytes(4).toString('hex')}`, source: '/bench', type, data: { n } };
}

/** Appends `count` events through `appendEvents` (commit, then enqueue routing) in batches; returns their seqs. */
export async function appendInBatches(append: AppendDeps, type: string, count: number, batchSize = 500): Promise<number[]> {
  const seqs: number[] = [];
  for (let from = 0; from < count; from += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - from) }, (_, i) => benchEvent(type, from + i));
    const results = await appendEvents(append, batch);
    seqs.push(...results.map((r) => r.seq));
  }
  return seqs;
}

/** Appends one event per `appendEvents` call at a steady rate; returns the seqs. */
export async function appendPaced(append: AppendDeps, type: string, ratePerSecond: number, durationMs: number): Promise<number[]> {
  const seqs: number[] = [];
  await paced(ratePerSecond, durationMs, async (i) => {
    const [result] = await appendEvents(append, [benchEvent(type, i)]);
    seqs.push(result.seq);
  });
  return seqs;
}
