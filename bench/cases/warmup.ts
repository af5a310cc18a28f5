import { appendInBatches } from '../events';
import { waitForRuns } from '../run-timing';
import type { Stack } from '../stack';

/** Sends a few runs through first (JIT, caches, connection pools); returns the last seq used. */
export async function warmUp(stack: Stack, eventType: string, runs: number, perWorkflow = 1): Promise<number> {
  const seqs = await appendInBatches(stack.append, eventType, runs);
  await waitForRuns(stack, { fromSeq: seqs[0], toSeq: seqs[seqs.length - 1], expected: runs * perWorkflow }, 60_000, 50);
  return seqs[seqs.length - 1];
}
