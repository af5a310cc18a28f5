import { cpuFigures, startCpuMeter } from '../cpu';
import { appendPaced } from '../events';
import { runLatencies, waitForRuns } from '../run-timing';
import { startStack } from '../stack';
import { percentile } from '../stats';
import { chainStepId, chainWorkflow, deployWorkflow } from '../workflows';
import type { BenchCase } from './context';
import { warmUp } from './warmup';

const EVENT_TYPE = 'bench.latency';

/** Event receipt -> first action step start, at half the 1-step rate measured with one worker, events sent one at a time. */
export const e2eLatencyCase: BenchCase = {
  name: 'e2e-latency',
  title: 'End to end: event to first step start at half load',
  needs: ['baseline', 'e2e-1step'],
  async run(ctx) {
    const maxRate = ctx.results.value('e2e.1step.1w.runs');
    const rate = Math.max(1, Math.round(maxRate / 2));
    const stack = await startStack(ctx, { label: 'latency', workers: 1 });
    try {
      await deployWorkflow(stack, chainWorkflow('bench latency', EVENT_TYPE, 1));
      await warmUp(stack, EVENT_TYPE, ctx.config.warmupRuns);
      const cpu = startCpuMeter({ 'worker-1': stack.workers[0].pid, postgres: ctx.infra.postgresPid(), redis: ctx.infra.redisPid });
      const seqs = await appendPaced(stack.append, EVENT_TYPE, rate, ctx.config.latency.seconds * 1000);
      const cpuUsage = cpu.stop();
      const fromSeq = Math.min(...seqs);
      const toSeq = Math.max(...seqs);
      await waitForRuns(stack, { fromSeq, toSeq, expected: seqs.length }, ctx.config.e2e.timeoutMs);
      const { toStart, toEnd } = await runLatencies(stack.database, fromSeq, toSeq, chainStepId(1));
      const note = `${toStart.length} events, one per call through the web's group commit, at ${rate}/s (half of ${maxRate.toFixed(0)}/s), 1 worker`;
      ctx.results.add('e2e-latency', { id: 'e2e.latency.p50', label: 'event -> first step start p50', value: percentile(toStart, 50), unit: 'ms', baselineId: 'bullmq.latency.p50', target: { op: '<=', value: 5 }, note });
      ctx.results.add('e2e-latency', { id: 'e2e.latency.p99', label: 'event -> first step start p99', value: percentile(toStart, 99), unit: 'ms', baselineId: 'bullmq.latency.p99', target: { op: '<=', value: 25 }, note });
      for (const figure of cpuFigures(cpuUsage, 'e2e.latency', 'half load')) ctx.results.add('e2e-latency', figure);
      ctx.results.add('e2e-latency', { id: 'e2e.latency.end.p50', label: 'event -> run succeeded p50 (1 step)', value: percentile(toEnd, 50), unit: 'ms', note });
    } finally {
      await stack.close();
    }
  },
};
