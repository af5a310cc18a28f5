import { runHttpLoad } from '../http-load';
import { countSucceeded } from '../run-timing';
import { rssMiB } from '../rss';
import { startStack } from '../stack';
import { pollUntil, sleep } from '../stats';
import { chainWorkflow, deployWorkflow } from '../workflows';
import type { BenchCase } from './context';

const EVENT_TYPE = 'bench.memory';

interface Sample { at: number; finished: number; worker: number; web: number }

/**
 * Worker and web RSS while N one-step runs go through the real API and one worker, the sender held
 * back to a bounded backlog; RSS at half and at the end, and the growth over the last half.
 */
export const memoryCase: BenchCase = {
  name: 'memory',
  title: 'Memory: worker and web RSS over many runs',
  async run(ctx) {
    const { runs, concurrency, maxBacklog, sampleMs } = ctx.config.memory;
    const stack = await startStack(ctx, { label: 'memory', workers: 1, web: true });
    let sampling = true;
    try {
      await deployWorkflow(stack, chainWorkflow('bench memory', EVENT_TYPE, 1));
      const workerPid = stack.workers[0].pid;
      const webPid = stack.web!.process.pid;
      let finished = 0;
      let samplerError: unknown;
      const samples: Sample[] = [];
      const sampler = (async () => {
        while (sampling) {
          finished = await countSucceeded(stack.database);
          samples.push({ at: Date.now(), finished, worker: rssMiB(workerPid), web: rssMiB(webPid) });
          await sleep(sampleMs);
        }
      })().catch((err: unknown) => { samplerError = err; });
      const check = () => {
        if (samplerError) throw samplerError;
        stack.assertAlive();
      };

      let sent = 0;
      const load = await runHttpLoad({
        url: `${stack.web!.url}/api/events`,
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        concurrency, count: runs,
        body: (i) => JSON.stringify({ type: EVENT_TYPE, data: { n: i } }),
        gate: async () => {
          while (sent - finished > maxBacklog) { check(); await sleep(20); }
          sent++;
        },
      });
      if (load.errors > 0) throw new Error(`${load.errors} of ${runs} events were refused: ${JSON.stringify(load.statuses)}`);
      await pollUntil(async () => { check(); return finished >= runs ? true : undefined; }, { timeoutMs: 600_000, intervalMs: 100, what: `${runs} runs to succeed` });
      sampling = false;
      await sampler;

      const half = samples.find((s) => s.finished >= runs / 2)!;
      const end = samples[samples.length - 1];
      const seconds = (end.at - samples[0].at) / 1000;
      const note = `${runs} runs via POST /api/events, 1 worker, in ${seconds.toFixed(0)} s; sampled every ${sampleMs} ms`;
      for (const role of ['worker', 'web'] as const) {
        ctx.results.add('memory', { id: `memory.${role}.half`, label: `${role} RSS at ${Math.round(runs / 2)} runs`, value: half[role], unit: 'MiB', note });
        ctx.results.add('memory', { id: `memory.${role}.end`, label: `${role} RSS at ${runs} runs`, value: end[role], unit: 'MiB', baselineId: `memory.${role}.half` });
        ctx.results.add('memory', {
          id: `memory.${role}.growth`, label: `${role} RSS growth over the last half`, value: ((end[role] - half[role]) / half[role]) * 100, unit: '%',
          target: { op: '<=', value: 10 },
        });
        ctx.results.add('memory', { id: `memory.${role}.peak`, label: `${role} RSS peak`, value: Math.max(...samples.map((s) => s[role]).filter(Number.isFinite)), unit: 'MiB' });
      }
    } finally {
      sampling = false;
      await stack.close();
    }
  },
};
