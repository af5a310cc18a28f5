import { cpuFigures, startCpuMeter } from '../cpu';
import { runHttpLoad } from '../http-load';
import { commandCounts, diffCounts, totalCalls } from '../redis-stats';
import { startStatementCount } from '../statements';
import { startStack } from '../stack';
import { percentile } from '../stats';
import type { BenchCase } from './context';

/**
 * POST /api/events (plain JSON form, bearer key) against the real web server (scripts/serve-web.ts), closed
 * loop at each concurrency for a fixed time. No worker runs, so the figure is the acceptance path
 * alone: parse, commit to PostgreSQL, enqueue routing on Redis.
 */
export const ingestCase: BenchCase = {
  name: 'ingest',
  title: 'Ingest: POST /api/events accepted per second',
  needs: ['baseline'],
  async run(ctx) {
    const { concurrencies, seconds, warmupRequests } = ctx.config.ingest;
    const stack = await startStack(ctx, { label: 'ingest', workers: 0, web: true });
    try {
      const url = `${stack.web!.url}/api/events`;
      const headers = { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' };
      const body = (i: number) => JSON.stringify({ type: 'bench.ingest', data: { n: i, orderId: `o-${i}`, total: 42.5 } });
      await runHttpLoad({ url, headers, concurrency: 10, count: warmupRequests, body });
      const pgCount = await startStatementCount(ctx.infra, stack.dbName);
      const redisBefore = await commandCounts(stack.queues.connection);
      let accepted = 0;
      const cpu = startCpuMeter({ web: stack.web!.process.pid, postgres: ctx.infra.postgresPid(), redis: ctx.infra.redisPid });
      for (const concurrency of concurrencies) {
        const r = await runHttpLoad({ url, headers, concurrency, durationMs: seconds * 1000, body });
        accepted += r.accepted;
        const prefix = `ingest.c${concurrency}`;
        const note = `${r.accepted} accepted in ${(r.elapsedMs / 1000).toFixed(1)} s; statuses ${JSON.stringify(r.statuses)}`;
        const c50 = concurrency === 50;
        ctx.results.add('ingest', { id: `${prefix}.rate`, label: `POST /api/events, concurrency ${concurrency}`, value: r.accepted / (r.elapsedMs / 1000), unit: 'events/s', baselineId: 'pg.insert', target: c50 ? { op: '>=', value: 2_000 } : undefined, note });
        ctx.results.add('ingest', { id: `${prefix}.p50`, label: `POST /api/events latency p50, concurrency ${concurrency}`, value: percentile(r.latenciesMs, 50), unit: 'ms' });
        ctx.results.add('ingest', { id: `${prefix}.p99`, label: `POST /api/events latency p99, concurrency ${concurrency}`, value: percentile(r.latenciesMs, 99), unit: 'ms', target: c50 ? { op: '<=', value: 50 } : undefined });
        ctx.results.add('ingest', { id: `${prefix}.errors`, label: `POST /api/events errors, concurrency ${concurrency}`, value: r.errors, unit: 'requests' });
      }
      for (const figure of cpuFigures(cpu.stop(), 'ingest', 'ingest')) ctx.results.add('ingest', figure);
      const redis = totalCalls(diffCounts(redisBefore, await commandCounts(stack.queues.connection)));
      const pg = await pgCount.stop();
      if (pg.statements !== undefined) {
        ctx.results.add('ingest', { id: 'profile.ingest.statements', label: 'ingest: PostgreSQL statements per event', value: pg.statements / accepted, unit: 'stmts/event' });
      }
      ctx.results.add('ingest', { id: 'profile.ingest.redis', label: 'ingest: Redis commands per event', value: redis / accepted, unit: 'cmds/event', note: 'INFO commandstats; commands inside Lua scripts count too' });
      ctx.results.profile.ingest = { accepted, postgres: pg };
    } finally {
      await stack.close();
    }
  },
};
