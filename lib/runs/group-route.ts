import { takeUpTo } from '@/lib/batching';
import { afterRouting, routeCommitted, type RouteDeps } from './route-event';

interface Waiting {
  seqs: number[];
  /** Settles with what follows the commit of the transaction that routed `seqs`. */
  resolve(done: Promise<void>): void;
  reject(err: unknown): void;
}

/** Events one routing transaction takes at most (several jobs' worth). */
const MAX_EVENTS_PER_TRANSACTION = 100;

export interface GroupSteps<R> {
  /** Routes the events of `jobs` jobs in one transaction. */
  commit(seqs: number[], jobs: number): Promise<R>;
  /** What follows a commit; the next group's transaction does not wait for it. */
  after(committed: R): Promise<void>;
}

/**
 * Group routing for one worker process, the counterpart of the web's group commit: the routing jobs
 * active at once hand over their events, and one transaction at a time routes all that are waiting.
 * Events appended one at a time then cost one routing transaction per group rather than one each,
 * and a lone event is not delayed at all. A job ends when its group committed and what followed the
 * commit (live messages, inline first steps) is done. When a group's transaction fails, each job's
 * events are routed again on their own, so an event that cannot be routed fails only its own job.
 */
export function groupRouter<R>(steps: GroupSteps<R>): (seqs: number[]) => Promise<void> {
  const queue: Waiting[] = [];
  let draining = false;

  const commitAlone = async (w: Waiting) => {
    try {
      w.resolve(steps.after(await steps.commit(w.seqs, 1)));
    } catch (err) {
      w.reject(err);
    }
  };

  async function drain(): Promise<void> {
    draining = true;
    while (queue.length > 0) {
      const group = takeUpTo(queue, (w) => w.seqs.length, MAX_EVENTS_PER_TRANSACTION);
      if (group.length === 1) {
        await commitAlone(group[0]);
        continue;
      }
      try {
        const done = steps.after(await steps.commit(group.flatMap((w) => w.seqs), group.length));
        for (const w of group) w.resolve(done);
      } catch {
        for (const w of group) await commitAlone(w);
      }
    }
    draining = false;
  }

  return (seqs) => new Promise<void>((resolve, reject) => {
    queue.push({ seqs, resolve, reject });
    if (!draining) void drain();
  });
}

/** The routing jobs' processor of one worker process. */
export function createGroupRouter(deps: RouteDeps): (seqs: number[]) => Promise<void> {
  return groupRouter({ commit: (seqs, jobs) => routeCommitted(deps, seqs, jobs), after: (routed) => afterRouting(deps, routed) });
}
