import { appendPaced } from '../events';
import { runLatencies, waitForRuns } from '../run-timing';
import { startStack } from '../stack';
import { percentile } from '../stats';
import { chainStepId, chainWorkflow, deployWorkflow } from '../workflows';
import type { BenchCase } from './context';
import { warmUp } from './warmup';

const EVENT_TYPE = 'bench.latency';

/** Event receipt -> first action step start, at half the 1-step rate measured with one worker. */
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
      const seqs = await appendPaced(stack.append, EVENT_TYPE, rate, ctx.config.latency.seconds * 1000);
      const fromSeq = Math.min(...seqs);
      const toSeq = Math.max(...seqs);
      await waitForRuns(stack, { fromSeq, toSeq, expected: seqs.length }, ctx.config.e2e.timeoutMs);
      const { toStart, toEnd } = await runLatencies(stack.database, fromSeq, toSeq, chainStepId(1));
      const note = `${toStart.length} events, one per appendEvents call, at ${rate}/s (half of ${maxRate.toFixed(0)}/s), 1 worker`;
      ctx.results.add('e2e-latency', { id: 'e2e.latency.p50', label: 'event -> first step start p50', value: percentile(toStart, 50), unit: 'ms', baselineId: 'bullmq.latency.p50', target: { op: '<=', value: 5 }, note });
      ctx.results.add('e2e-latency', { id: 'e2e.latency.p99', label: 'event -> first step start p99', value: percentile(toStart, 99), unit: 'ms', baselineId: 'bullmq.latency.p99', target: { op: '<=', value: 25 }, note });
      ctx.results.add('e2e-latency', { id: 'e2e.latency.end.p50', label: 'event -> run succeeded p50 (1 step)', value: percentile(toEnd, 50), unit: 'ms', note });
    } finally {
      await stack.close();
    }
  },
};
