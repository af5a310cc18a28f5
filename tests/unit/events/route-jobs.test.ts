import { describe, expect, it } from 'vitest';
import { ROUTE_BATCH, routeJobs } from '@/lib/events/route-jobs';

describe('routeJobs', () => {
  it('cuts the seqs into batches in log order, each job named by its first and last seq', () => {
    const seqs = Array.from({ length: ROUTE_BATCH * 2 + 3 }, (_, i) => 100 + i).reverse();
    const jobs = routeJobs(seqs);
    expect(jobs.map((j) => j.payload.seqs.length)).toEqual([ROUTE_BATCH, ROUTE_BATCH, 3]);
    expect(jobs.flatMap((j) => j.payload.seqs)).toEqual([...seqs].sort((a, b) => a - b));
    expect(jobs[0].jobId).toBe(`route_100_${100 + ROUTE_BATCH - 1}`);
  });

  it('gives the same job ids for the same seqs, so a re-added batch deduplicates', () => {
    expect(routeJobs([7, 5, 6]).map((j) => j.jobId)).toEqual(routeJobs([5, 6, 7]).map((j) => j.jobId));
    expect(routeJobs([])).toEqual([]);
  });
});
