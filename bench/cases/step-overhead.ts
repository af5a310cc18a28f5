import { appendEvents } from '@/lib/events/append';
import { benchEvent } from '../events';
import { waitForEventRuns } from '../run-timing';
import { startStack } from '../stack';
import { median } from '../stats';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { startNoopServer } from '../noop-server';
import { chainWorkflow, deployWorkflow, httpChainWorkflow } from '../workflows';
import type { BenchCase, CaseContext } from './context';
import { warmUp } from './warmup';

const EVENT_TYPE = 'bench.overhead';

/** Median of (run end - event receipt) / steps over `runs` runs of a chain, one run at a time. */
async function overhead(ctx: CaseContext, label: string, workflow: WorkflowDocument, env?: Record<string, string>): Promise<number[]> {
  const { chainLength, runs } = ctx.config.overhead;
  const stack = await startStack(ctx, { label, workers: 1, env });
  try {
    await deployWorkflow(stack, workflow);
    await warmUp(stack, EVENT_TYPE, 1);
    const perStep: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [appended] = await appendEvents(stack.append, [benchEvent(EVENT_TYPE, i)]);
      const { toLastEndMs } = await waitForEventRuns(stack, appended.seq, 1, 60_000);
      perStep.push(toLastEndMs / chainLength);
    }
    return perStep;
  } finally {
    await stack.close();
  }
}

/**
 * Windmill's measure: a chain of no-op steps, one run at a time, (run end - event receipt) / steps
 * (from receipt, not from the run's creation: routing creates a run of computing steps finished).
 * No-op transforms are computing steps, which routing evaluates as it creates the run; the same
 * chain of `http` steps to a no-op server on 127.0.0.1 shows the durable way (claim, call, settle).
 */
export const stepOverheadCase: BenchCase = {
  name: 'step-overhead',
  title: 'Per-step overhead: 40-step chain of no-op transforms, and of http steps, one run at a time',
  needs: ['baseline'],
  async run(ctx) {
    const { chainLength, runs } = ctx.config.overhead;
    const computed = await overhead(ctx, 'overhead', chainWorkflow('bench overhead', EVENT_TYPE, chainLength));
    ctx.results.add('step-overhead', {
      id: 'e2e.step_overhead', label: `per-step overhead (${chainLength}-step chain, median of ${runs})`, value: median(computed), unit: 'ms',
      baselineId: 'bullmq.latency.p50', target: { op: '<=', value: 5 }, note: `runs: ${computed.map((v) => v.toFixed(2)).join(', ')} ms/step`,
    });
    const target = await startNoopServer();
    try {
      const durable = await overhead(ctx, 'overhead_http', httpChainWorkflow('bench overhead http', EVENT_TYPE, `${target.url}/hook`, chainLength), { CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
      ctx.results.add('step-overhead', {
        id: 'e2e.step_overhead.http', label: `per-step overhead, ${chainLength} http steps to 127.0.0.1 (durable way)`, value: median(durable), unit: 'ms',
        baselineId: 'bullmq.latency.p50', note: `includes one loopback HTTP call per step; runs: ${durable.map((v) => v.toFixed(2)).join(', ')} ms/step`,
      });
    } finally {
      await target.close();
    }
  },
};
