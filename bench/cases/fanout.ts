import { appendEvents } from '@/lib/events/append';
import { benchEvent } from '../events';
import { waitForEventRuns } from '../run-timing';
import { startStack } from '../stack';
import { median } from '../stats';
import { chainWorkflow, deployWorkflow } from '../workflows';
import type { BenchCase } from './context';

const FANOUT_TYPE = 'bench.fanout';
const SINGLE_TYPE = 'bench.single';

/**
 * One event matching 20 one-step workflows: time from its receipt until all 20 runs ended. The
 * baseline, in the same deployment, is one event matching one such workflow.
 */
export const fanoutCase: BenchCase = {
  name: 'fanout',
  title: 'Fan-out: one event matching 20 workflows',
  async run(ctx) {
    const { workflows, reps } = ctx.config.fanout;
    const stack = await startStack(ctx, { label: 'fanout', workers: 1 });
    try {
      for (let i = 0; i < workflows; i++) await deployWorkflow(stack, chainWorkflow(`bench fan-out ${i + 1}`, FANOUT_TYPE, 1));
      await deployWorkflow(stack, chainWorkflow('bench single', SINGLE_TYPE, 1));
      const timeOne = async (type: string, expected: number, n: number) => {
        const [appended] = await appendEvents(stack.append, [benchEvent(type, n)]);
        return (await waitForEventRuns(stack, appended.seq, expected, 60_000)).toLastEndMs;
      };
      await timeOne(SINGLE_TYPE, 1, -1); // warm-up
      await timeOne(FANOUT_TYPE, workflows, -1);
      const single: number[] = [];
      const fanned: number[] = [];
      for (let i = 0; i < reps; i++) {
        single.push(await timeOne(SINGLE_TYPE, 1, i));
        fanned.push(await timeOne(FANOUT_TYPE, workflows, i));
      }
      ctx.results.add('fanout', { id: 'fanout.single', label: 'one event -> its 1 run ended', value: median(single), unit: 'ms', note: `median of ${reps}` });
      ctx.results.add('fanout', {
        id: 'fanout.all', label: `one event -> all ${workflows} runs ended`, value: median(fanned), unit: 'ms', baselineId: 'fanout.single',
        note: `median of ${reps}: ${fanned.map((v) => v.toFixed(1)).join(', ')} ms`,
      });
    } finally {
      await stack.close();
    }
  },
};
