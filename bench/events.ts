import { randomBytes } from 'node:crypto';
import { appendEvents, type AppendDeps } from '@/lib/events/append';
import { createGroupAppend } from '@/lib/events/group-append';
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

/**
 * Appends one event per call at a steady rate, through the group commit the web process uses for
 * POST /api/events (calls that arrive while an insert is in flight share the next one); returns the seqs.
 */
export async function appendPaced(append: AppendDeps, type: string, ratePerSecond: number, durationMs: number): Promise<number[]> {
  const seqs: number[] = [];
  const groupAppend = createGroupAppend(append);
  await paced(ratePerSecond, durationMs, async (i) => {
    const [result] = await groupAppend([benchEvent(type, i)]);
    seqs.push(result.seq);
  });
  return seqs;
}
