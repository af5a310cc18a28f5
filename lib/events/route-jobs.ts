import { jobId } from '@/lib/jobs/queues';

/** Events per routing job: enough to share its statements among many, few enough to spread over workers. */
export const ROUTE_BATCH = 25;

/** The routing jobs for newly logged events, in log order; the same seqs always give the same job ids. */
export function routeJobs(seqs: number[]) {
  const sorted = [...seqs].sort((a, b) => a - b);
  const jobs = [];
  for (let i = 0; i < sorted.length; i += ROUTE_BATCH) {
    const batch = sorted.slice(i, i + ROUTE_BATCH);
    jobs.push({ payload: { seqs: batch }, jobId: jobId('route', batch[0], batch[batch.length - 1]) });
  }
  return jobs;
}
