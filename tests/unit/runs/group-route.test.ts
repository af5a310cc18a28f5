import { describe, expect, it } from 'vitest';
import { groupRouter } from '@/lib/runs/group-route';

/** A commit that stays in flight until released, recording the seqs of every call. */
function controlled(fail: (seqs: number[]) => boolean = () => false) {
  const commits: number[][] = [];
  const releases: (() => void)[] = [];
  const commit = (seqs: number[]) => {
    commits.push(seqs);
    return new Promise<number[]>((resolve, reject) => {
      releases.push(() => (fail(seqs) ? reject(new Error(`cannot route ${seqs}`)) : resolve(seqs)));
    });
  };
  const releaseAll = async () => {
    for (let i = 0; i < 50 && releases.length > 0; i++) {
      releases.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { commits, commit, releaseAll };
}

describe('groupRouter', () => {
  it('commits a lone job at once, and the jobs that arrive meanwhile together in the next transaction', async () => {
    const c = controlled();
    const route = groupRouter({ commit: c.commit, after: async () => {} });
    const jobs = [route([1])];
    expect(c.commits).toEqual([[1]]);
    jobs.push(route([2]), route([3, 4]), route([5]));
    await c.releaseAll();
    await Promise.all(jobs);
    expect(c.commits).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('tells each transaction how many jobs share it (each job brings its own inline-step budget)', async () => {
    const c = controlled();
    const jobCounts: number[] = [];
    const route = groupRouter({ commit: (seqs, jobs) => { jobCounts.push(jobs); return c.commit(seqs); }, after: async () => {} });
    const jobs = [route([1]), route([2]), route([3, 4]), route([5])];
    await c.releaseAll();
    await Promise.all(jobs);
    expect(jobCounts).toEqual([1, 3]);
  });

  it('takes at most 100 events into one transaction, never splitting a job', async () => {
    const c = controlled();
    const route = groupRouter({ commit: c.commit, after: async () => {} });
    const jobs = [route([0])];
    for (let i = 0; i < 5; i++) jobs.push(route(Array.from({ length: 25 }, (_, k) => 1 + i * 25 + k)));
    await c.releaseAll();
    await Promise.all(jobs);
    expect(c.commits.map((s) => s.length)).toEqual([1, 100, 25]);
  });

  it('ends a job only when what follows its commit is done, without holding up the next transaction', async () => {
    const c = controlled();
    let finishAfter!: () => void;
    const afters: number[][] = [];
    const route = groupRouter({
      commit: c.commit,
      after: (seqs) => {
        afters.push(seqs);
        return seqs[0] === 1 ? new Promise<void>((r) => { finishAfter = r; }) : Promise.resolve();
      },
    });
    let firstEnded = false;
    const first = route([1]).then(() => { firstEnded = true; });
    const second = route([2]);
    await c.releaseAll();
    await second;
    expect(afters).toEqual([[1], [2]]);
    expect(firstEnded).toBe(false);
    finishAfter();
    await first;
    expect(firstEnded).toBe(true);
  });

  it('routes each job of a failed group on its own, so only the job of the event that cannot be routed fails', async () => {
    const c = controlled((seqs) => seqs.includes(13));
    const route = groupRouter({ commit: c.commit, after: async () => {} });
    const jobs = [route([1]), route([12]), route([13]), route([14])].map((p) => p.then(() => 'ok', (e: Error) => e.message));
    await c.releaseAll();
    expect(await Promise.all(jobs)).toEqual(['ok', 'ok', 'cannot route 13', 'ok']);
    expect(c.commits).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });
});
