import { cpuFigures, startCpuMeter } from '../cpu';
import { appendPaced } from '../events';
import { runLatencies, waitForRuns } from '../run-timing';
import { startStack } from '../stack';
import { percentile } from '../stats';
import { chainStepId, chainWorkflow, deployWorkflow } from '../workflows';
import type { BenchCase } from './context';
import { warmUp } from './warmup';

const EVENT_TYPE = 'bench.latency';
const WARMUP_AT_RATE_MS = 2_000;

/**
 * Event receipt -> first action step start, events sent one at a time at half the 1-step rate
 * measured with one worker (the target), then at a quarter of it (for comparison, no target); each
 * after WARMUP_AT_RATE_MS at that rate, not counted.
 */
export const e2eLatencyCase: BenchCase = {
  name: 'e2e-latency',
  title: 'End to end: event to first step start at half load',
  needs: ['baseline', 'e2e-1step'],
  async run(ctx) {
    const maxRate = ctx.results.value('e2e.1step.1w.runs');
    const stack = await startStack(ctx, { label: 'latency', workers: 1 });
    try {
      await deployWorkflow(stack, chainWorkflow('bench latency', EVENT_TYPE, 1));
      await warmUp(stack, EVENT_TYPE, ctx.config.warmupRuns);
      for (const load of [{ name: 'half', share: 2, id: 'e2e.latency', targets: true }, { name: 'quarter', share: 4, id: 'e2e.latency.quarter', targets: false }]) {
        const rate = Math.max(1, Math.round(maxRate / load.share));
        // the first second at a new rate is a ramp (queues and connections settling): warm up at the rate, then measure
        await appendPaced(stack.append, EVENT_TYPE, rate, WARMUP_AT_RATE_MS);
        const cpu = startCpuMeter({ 'worker-1': stack.workers[0].pid, postgres: ctx.infra.postgresPid(), redis: ctx.infra.redisPid });
        const seqs = await appendPaced(stack.append, EVENT_TYPE, rate, ctx.config.latency.seconds * 1000);
        const cpuUsage = cpu.stop();
        const fromSeq = Math.min(...seqs);
        const toSeq = Math.max(...seqs);
        await waitForRuns(stack, { fromSeq, toSeq, expected: seqs.length }, ctx.config.e2e.timeoutMs);
        const { toStart, toEnd } = await runLatencies(stack.database, fromSeq, toSeq, chainStepId(1));
        const note = `${toStart.length} events, one per call through the web's group commit, at ${rate}/s (1/${load.share} of ${maxRate.toFixed(0)}/s), 1 worker`;
        const at = `at ${load.name} load`;
        ctx.results.add('e2e-latency', { id: `${load.id}.p50`, label: `event -> first step start p50 ${at}`, value: percentile(toStart, 50), unit: 'ms', baselineId: 'bullmq.latency.p50', target: load.targets ? { op: '<=', value: 5 } : undefined, note });
        ctx.results.add('e2e-latency', { id: `${load.id}.p99`, label: `event -> first step start p99 ${at}`, value: percentile(toStart, 99), unit: 'ms', baselineId: 'bullmq.latency.p99', target: load.targets ? { op: '<=', value: 25 } : undefined, note });
        ctx.results.add('e2e-latency', { id: `${load.id}.end.p50`, label: `event -> run succeeded p50 ${at} (1 step)`, value: percentile(toEnd, 50), unit: 'ms', note });
        for (const figure of cpuFigures(cpuUsage, load.id, `${load.name} load`)) ctx.results.add('e2e-latency', figure);
      }
    } finally {
      await stack.close();
    }
  },
};
