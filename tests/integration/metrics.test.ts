import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
});
afterAll(async () => ctx?.close());

const metric = (text: string, line: string) => {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

it('reports events in, runs by status, step durations and queue depth as Prometheus text', async () => {
  const { body: wf } = await callApi('POST', '/api/workflows', { body: {
    name: 'Measured',
    nodes: [
      { id: 'in', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'metric.*' } },
      { id: 'ok', type: 'transform', position: { x: 200, y: 0 }, config: { expression: 'event.data.n' } },
      { id: 'no', type: 'fail', position: { x: 400, y: 0 }, config: { message: 'planned' } },
    ],
    edges: [{ id: 'e1', source: 'in', target: 'ok' }, { id: 'e2', source: 'ok', target: 'no' }],
  } });
  await callApi('POST', `/api/workflows/${wf.id}/activate`);
  for (let n = 0; n < 3; n++) await callApi('POST', '/api/events', { body: { type: 'metric.hit', data: { n } } });
  await waitFor(async () => (await callApi('GET', '/api/runs?status=failed')).body.items.length === 3, { what: 'three failed runs' });

  const res = await callApi('GET', '/api/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = res.body as string;
  expect(metric(text, 'causeway_events_logged')).toBeGreaterThanOrEqual(3);
  expect(metric(text, 'causeway_runs{status="failed"}')).toBe(3);
  expect(metric(text, 'causeway_runs{status="succeeded"}')).toBe(0);
  expect(metric(text, 'causeway_step_duration_seconds{quantile="0.5"}')).toBeGreaterThanOrEqual(0);
  expect(metric(text, 'causeway_queue_jobs{queue="steps",state="waiting"}')).toBe(0);
  expect(text).toContain('causeway_web_process_resident_memory_bytes');
});

it('requires credentials', async () => {
  expect((await callApi('GET', '/api/metrics', { auth: null })).status).toBe(401);
});
