import { apiRoute } from '@/lib/http/route';
import { createMetricsRegistry } from '@/lib/metrics/registry';
import type { Registry } from 'prom-client';

export const dynamic = 'force-dynamic';

let registry: Registry | undefined;

/** Prometheus text: events in, runs by status, step durations, queue depth. */
export const GET = apiRoute(async (_request, { services }) => {
  registry ??= createMetricsRegistry({ db: services.database.db, queues: services.queues });
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
});
