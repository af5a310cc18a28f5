import { sql } from 'drizzle-orm';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '@/db/client';
import { queueNames } from '@/lib/jobs/catalog';
import type { QueueSet } from '@/lib/jobs/queues';

/**
 * Prometheus metrics read from the record at scrape time (PostgreSQL and the queues), so every web
 * process of a deployment reports the same cluster-wide figures; plus this process's own runtime.
 */
export function createMetricsRegistry(deps: { db: Db; queues: QueueSet }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'causeway_web_' });

  new Gauge({
    name: 'causeway_events_logged', help: 'Events in the log (the last sequence number).', registers: [registry],
    async collect() {
      const { rows } = await deps.db.execute<{ seq: number | null }>(sql`select max(seq) as seq from events`);
      this.set(Number(rows[0]?.seq ?? 0));
    },
  });

  new Gauge({
    name: 'causeway_runs', help: 'Runs by status.', labelNames: ['status'], registers: [registry],
    async collect() {
      const { rows } = await deps.db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from runs group by status`);
      this.reset();
      for (const status of ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']) this.set({ status }, 0);
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });

  new Gauge({
    name: 'causeway_step_duration_seconds', help: 'Durations of steps finished in the last 5 minutes, by quantile.',
    labelNames: ['quantile'], registers: [registry],
    async collect() {
      const { rows } = await deps.db.execute<{ p50: number | null; p90: number | null; p99: number | null }>(sql`
        select percentile_cont(0.5) within group (order by d) as p50, percentile_cont(0.9) within group (order by d) as p90,
               percentile_cont(0.99) within group (order by d) as p99
        from (select extract(epoch from finished_at - started_at) as d from steps
              where finished_at > now() - interval '5 minutes' and started_at is not null) recent`);
      this.reset();
      const quantiles = { p50: '0.5', p90: '0.9', p99: '0.99' } as const;
      for (const [column, quantile] of Object.entries(quantiles) as [keyof typeof quantiles, string][]) {
        const value = rows[0]?.[column];
        if (value !== null && value !== undefined) this.set({ quantile }, Number(value));
      }
    },
  });

  new Gauge({
    name: 'causeway_queue_jobs', help: 'Jobs in each queue by state.', labelNames: ['queue', 'state'], registers: [registry],
    async collect() {
      this.reset();
      for (const name of queueNames) {
        const counts = await deps.queues.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
      }
    },
  });
  return registry;
}
