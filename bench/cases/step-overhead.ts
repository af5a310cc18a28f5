import { appendEvents } from '@/lib/events/append';
import { benchEvent } from '../events';
import { waitForEventRuns } from '../run-timing';
import { startStack } from '../stack';
import { median } from '../stats';
import { chainWorkflow, deployWorkflow } from '../workflows';
import type { BenchCase } from './context';
import { warmUp } from './warmup';

const EVENT_TYPE = 'bench.overhead';

/** Windmill's measure: a chain of no-op steps, one run at a time, (run end - run creation) / steps. */
export const stepOverheadCase: BenchCase = {
  name: 'step-overhead',
  title: 'Per-step overhead: 40-step chain of no-op transforms, one run at a time',
  needs: ['baseline'],
  async run(ctx) {
    const { chainLength, runs } = ctx.config.overhead;
    const stack = await startStack(ctx, { label: 'overhead', workers: 1 });
    try {
      await deployWorkflow(stack, chainWorkflow('bench overhead', EVENT_TYPE, chainLength));
      await warmUp(stack, EVENT_TYPE, 1);
      const perStep: number[] = [];
      for (let i = 0; i < runs; i++) {
        const [appended] = await appendEvents(stack.append, [benchEvent(EVENT_TYPE, i)]);
        const { runMs } = await waitForEventRuns(stack, appended.seq, 1, 60_000);
        perStep.push(runMs[0] / chainLength);
      }
      ctx.results.add('step-overhead', {
        id: 'e2e.step_overhead', label: `per-step overhead (${chainLength}-step chain, median of ${runs})`, value: median(perStep), unit: 'ms',
        baselineId: 'bullmq.latency.p50', target: { op: '<=', value: 5 }, note: `runs: ${perStep.map((v) => v.toFixed(2)).join(', ')} ms/step`,
      });
    } finally {
      await stack.close();
    }
  },
};
