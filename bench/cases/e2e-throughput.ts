import { cpuFigures, startCpuMeter } from '../cpu';
import { appendInBatches } from '../events';
import { commandCounts, diffCounts, totalCalls } from '../redis-stats';
import { harnessQueries, runSpan, waitForRuns } from '../run-timing';
import { startStack } from '../stack';
import { startStatementCount } from '../statements';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { startNoopServer } from '../noop-server';
import { chainWorkflow, deployWorkflow, httpChainWorkflow } from '../workflows';
import type { BenchCase, CaseContext } from './context';
import { warmUp } from './warmup';

const EVENT_TYPE = 'bench.e2e';

/** A workflow other than the chain of transforms, measured the same way. */
interface Variant {
  key: string;
  label: string;
  group: string;
  env?: Record<string, string>;
  workflow(eventType: string): WorkflowDocument;
}

/**
 * Runs/s from event to `succeeded`: `runs` events go in through appendEvents in batches (commit +
 * routing enqueue, as the API does), and the rate is runs / (last run end - first event receipt),
 * both PostgreSQL timestamps. With one worker it also counts statements and Redis commands.
 */
async function measure(ctx: CaseContext, steps: number, workers: number, runs: number, variant?: Variant): Promise<void> {
  const stack = await startStack(ctx, { label: `e2e${variant?.key ?? ''}${steps}_${workers}w`, workers, env: variant?.env });
  try {
    await deployWorkflow(stack, variant?.workflow(EVENT_TYPE) ?? chainWorkflow(`bench ${steps}-step chain`, EVENT_TYPE, steps));
    await warmUp(stack, EVENT_TYPE, ctx.config.warmupRuns);
    const profile = workers === 1;
    const pgCount = profile ? await startStatementCount(ctx.infra, stack.dbName) : undefined;
    const redisBefore = profile ? await commandCounts(stack.queues.connection) : undefined;
    const harnessBefore = harnessQueries();
    const cpu = startCpuMeter({
      ...Object.fromEntries(stack.workers.map((w, i) => [`worker-${i + 1}`, w.pid])),
      postgres: ctx.infra.postgresPid(), redis: ctx.infra.redisPid,
    });

    const seqs = await appendInBatches(stack.append, EVENT_TYPE, runs, ctx.config.e2e.batchSize);
    const range = { fromSeq: seqs[0], toSeq: seqs[seqs.length - 1], expected: runs };
    await waitForRuns(stack, range, ctx.config.e2e.timeoutMs, 250);
    const cpuUsage = cpu.stop();
    const span = await runSpan(stack.database, range.fromSeq, range.toSeq);
    const rate = span.runs / span.seconds;
    const id = `e2e.${variant?.key ? `${variant.key}.` : ''}${steps}step.${workers}w`;
    const label = `${variant?.label ?? `${steps}-step ${steps === 1 ? 'workflow' : 'chain'}`}, ${workers} worker${workers > 1 ? 's' : ''}`;
    const group = variant?.group ?? `e2e-${steps}step`;
    ctx.results.add(group, {
      id: `${id}.runs`, label: `${label}: runs/s event -> succeeded`, value: rate, unit: 'runs/s', baselineId: 'bullmq.drain',
      target: steps === 1 && !variant ? { op: '>=', value: 1_000 } : undefined, note: `${span.runs} runs in ${span.seconds.toFixed(2)} s`,
    });
    if (steps > 1) {
      ctx.results.add(group, {
        id: `${id}.steps`, label: `${label}: steps/s`, value: rate * steps, unit: 'steps/s', baselineId: 'bullmq.drain', target: { op: '>=', value: 2_500 },
      });
    }

    ctx.results.profile[`CPU, ${label}`] = cpuUsage;
    if (profile) for (const figure of cpuFigures(cpuUsage, id, label)) ctx.results.add(group, figure);

    if (pgCount && redisBefore) {
      const redisDiff = diffCounts(redisBefore, await commandCounts(stack.queues.connection));
      await stack.stopWorkers(); // a session flushes its transaction counts when it ends
      const pgTotals = await pgCount.stop();
      const harness = harnessQueries() - harnessBefore;
      const totalSteps = runs * steps;
      const pfx = `profile.${variant?.key ? `${variant.key}.` : ''}${steps}step`;
      const name = variant?.label ?? `${steps}-step`;
      if (pgTotals.statements !== undefined) {
        ctx.results.add(group, { id: `${pfx}.statements`, label: `${name}: PostgreSQL statements per run`, value: pgTotals.statements / runs, unit: 'stmts/run', note: 'pg_stat_statements, BEGIN/COMMIT included, harness queries excluded' });
      }
      ctx.results.add(group, { id: `${pfx}.commits`, label: `${name}: PostgreSQL transactions per run`, value: (pgTotals.commits - harness) / runs, unit: 'xacts/run', note: 'pg_stat_database xact_commit; sessions flush these counters lazily, so a busy machine can add some of the warm-up (the statement count is exact)' });
      ctx.results.add(group, { id: `${pfx}.writes`, label: `${name}: rows inserted + updated per run`, value: (pgTotals.inserted + pgTotals.updated) / runs, unit: 'rows/run' });
      ctx.results.add(group, { id: `${pfx}.redis`, label: `${name}: Redis commands per step`, value: totalCalls(redisDiff) / totalSteps, unit: 'cmds/step', note: 'INFO commandstats; commands inside Lua scripts count too' });
      const scripts = (redisDiff.evalsha ?? 0) + (redisDiff.eval ?? 0) + (redisDiff.evalsha_ro ?? 0) + (redisDiff.fcall ?? 0);
      ctx.results.add(group, { id: `${pfx}.redis_scripts`, label: `${name}: Redis script calls per step`, value: scripts / totalSteps, unit: 'scripts/step' });
      ctx.results.profile[`${name}, 1 worker`] = {
        runs, steps: totalSteps, postgres: pgTotals,
        redis: Object.fromEntries(Object.entries(redisDiff).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, { calls: v, perStep: v / totalSteps }])),
      };
    }
  } finally {
    await stack.close();
  }
}

function throughputCase(steps: number): BenchCase {
  return {
    name: `e2e-${steps}step`,
    title: `End to end: ${steps}-step workflow runs/s with 1 and 2 workers`,
    needs: ['baseline'],
    async run(ctx) {
      const runs = steps === 1 ? ctx.config.e2e.oneStepRuns : ctx.config.e2e.tenStepRuns;
      for (const workers of ctx.config.e2e.workerCounts) await measure(ctx, steps, workers, runs);
    },
  };
}

export const e2eOneStepCase = throughputCase(1);
export const e2eTenStepCase = throughputCase(10);

/**
 * A 1-step workflow whose step acts on the world (an `http` POST to a no-op server on 127.0.0.1 in
 * this process), so it runs the durable way: claimed, called, settled. The computing steps of the
 * other cases are evaluated as routing creates the run; this is the figure for the rest.
 */
export const e2eHttpCase: BenchCase = {
  name: 'e2e-1step-http',
  title: 'End to end: 1-step workflow with an http step (the durable way), 1 worker',
  needs: ['baseline'],
  async run(ctx) {
    const target = await startNoopServer();
    try {
      await measure(ctx, 1, 1, ctx.config.e2e.oneStepRuns, {
        key: 'http', label: '1-step http workflow', group: 'e2e-1step-http',
        env: { CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' },
        workflow: (eventType) => httpChainWorkflow('bench 1-step http', eventType, `${target.url}/hook`),
      });
    } finally {
      await target.close();
    }
  },
};
