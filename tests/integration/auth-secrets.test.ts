/**
 * Stored secrets: encrypted at rest, never answered, usable as `{{ secrets.NAME }}` by a step run
 * by a real worker process, and masked in what is stored and shown of steps, logs and deliveries.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { spawnWorker, type WorkerProcess } from '../setup/worker-process';
import { createActiveWorkflow, expectError, routedRuns, sendEvent, stepOf, waitForRun } from './api-helpers';
import { serveApi } from './hooks-helpers';

const TOKEN = 'tok_live_4f1c9a7e2b8d';
const PASSWORD = 'p&ss w/rd "quoted"';
let ctx: TestContext;
let worker: WorkerProcess;
let target: http.Server;
let origin: string;
let api: Awaited<ReturnType<typeof serveApi>>;
const received: { url: string; authorization?: string; body: string }[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32', CAUSEWAY_SECRET: 'auth-secrets-key-0123456789abcdef' });
  target = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      // an API that echoes what it was sent, as many do in errors: the secret comes back in the answer
      const status = req.url?.startsWith('/fail') ? 400 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'x-seen-auth': req.headers.authorization ?? '' });
      res.end(JSON.stringify({ youSent: req.headers.authorization, url: req.url, body }));
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  api = await serveApi();
  // a real worker process, so its log output can be read
  worker = spawnWorker(ctx.env, { LOG_LEVEL: 'trace' });
  await worker.ready;
}, 120_000);

afterAll(async () => {
  await worker?.kill('SIGTERM');
  await api?.close();
  await new Promise((resolve) => target?.close(resolve));
  await ctx?.close();
});

const q = (sql: string, params: unknown[] = []) => ctx.services.database.pool.query(sql, params);
const pos = (i: number) => ({ x: i * 200, y: 0 });

describe('managing secrets', () => {
  it('stores a secret encrypted and never answers its value', async () => {
    const created = await callApi('POST', '/api/secrets', { body: { name: 'PAYMENTS_TOKEN', value: TOKEN } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ name: 'PAYMENTS_TOKEN', createdBy: 'the bootstrap API key', updatedBy: 'the bootstrap API key', createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect((await callApi('POST', '/api/secrets', { body: { name: 'DB_PASSWORD', value: PASSWORD } })).status).toBe(201);
    const { rows } = await q('select * from secrets');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.value).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(JSON.stringify(row)).not.toContain(TOKEN);
      expect(JSON.stringify(row)).not.toContain('p&ss');
    }
    const listed = await callApi('GET', '/api/secrets');
    expect(listed.body.items.map((s: any) => s.name)).toEqual(['DB_PASSWORD', 'PAYMENTS_TOKEN']);
    expect(JSON.stringify(listed.body)).not.toContain(TOKEN);
    expect(JSON.stringify(listed.body)).not.toContain('p&ss');
  });

  it('refuses bad names and values, duplicates, and unknown secrets, changing nothing', async () => {
    expectError(await callApi('POST', '/api/secrets', { body: { name: '1BAD', value: 'longenough' } }), 400, /name/);
    expectError(await callApi('POST', '/api/secrets', { body: { name: 'has-dash', value: 'longenough' } }), 400, /name/);
    expectError(await callApi('POST', '/api/secrets', { body: { name: 'SHORT', value: 'abc' } }), 400, /at least 4/);
    expectError(await callApi('POST', '/api/secrets', { body: { name: 'PAYMENTS_TOKEN', value: 'other-value' } }), 409, /already exists/);
    expectError(await callApi('PUT', '/api/secrets/NOPE', { body: { value: 'whatever' } }), 404);
    expectError(await callApi('DELETE', '/api/secrets/NOPE'), 404);
    expect((await q('select count(*)::int as n from secrets')).rows[0].n).toBe(2);
  });

  it('replaces and deletes a secret', async () => {
    expect((await callApi('POST', '/api/secrets', { body: { name: 'TEMP', value: 'first-value' } })).status).toBe(201);
    const before = (await q(`select value from secrets where name = 'TEMP'`)).rows[0].value;
    const replaced = await callApi('PUT', '/api/secrets/TEMP', { body: { value: 'second-value' } });
    expect(replaced.status).toBe(200);
    expect(JSON.stringify(replaced.body)).not.toContain('second-value');
    expect((await q(`select value from secrets where name = 'TEMP'`)).rows[0].value).not.toBe(before);
    expect((await callApi('DELETE', '/api/secrets/TEMP')).status).toBe(204);
    expect((await q(`select count(*)::int as n from secrets where name = 'TEMP'`)).rows[0].n).toBe(0);
  });
});

describe('secrets in steps', () => {
  let run: any;

  beforeAll(async () => {
    await createActiveWorkflow({
      name: 'Charge with a secret',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos(0), config: { eventType: 'charge.requested' } },
        { id: 'charge', type: 'http', position: pos(1), config: {
          method: 'POST', url: `${origin}/charges?auth={{ secrets.DB_PASSWORD }}`,
          headers: { authorization: 'Bearer {{ secrets.PAYMENTS_TOKEN }}' }, body: { amount: '{{ event.data.amount }}', token: '{{ secrets.PAYMENTS_TOKEN }}' },
        } },
        { id: 'peek', type: 'transform', position: pos(2), config: { expression: '{ "copied": steps.charge.body.youSent, "direct": secrets.PAYMENTS_TOKEN }' } },
        { id: 'tell', type: 'emit', position: pos(3), config: { eventType: 'charge.done', data: { token: '{{ secrets.PAYMENTS_TOKEN }}', amount: '{{ event.data.amount }}' } } },
        { id: 'code', type: 'code', position: pos(4), config: { source: 'console.log("secrets is", typeof secrets); return typeof secrets;' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'charge' },
        { id: 'e2', source: 'charge', target: 'peek' },
        { id: 'e3', source: 'peek', target: 'tell' },
        { id: 'e4', source: 'tell', target: 'code' },
      ],
    });
    const sent = await sendEvent({ type: 'charge.requested', data: { amount: 42 } });
    const [started] = await routedRuns(ctx, sent.seq);
    run = await waitForRun(started.id);
  }, 60_000);

  it('sends the real value to the target', () => {
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
    const hit = received.find((r) => r.url.startsWith('/charges'))!;
    expect(hit.authorization).toBe(`Bearer ${TOKEN}`);
    expect(decodeURIComponent(hit.url.slice('/charges?auth='.length))).toBe(PASSWORD);
    expect(JSON.parse(hit.body)).toEqual({ amount: 42, token: TOKEN });
  });

  it('keeps the value out of the run’s stored input and output, where it reads [secret:NAME]', async () => {
    const charge = stepOf(run, 'charge');
    expect(charge.input.headers.authorization).toBe('Bearer {{ secrets.PAYMENTS_TOKEN }}');
    expect(charge.output.body.youSent).toBe('Bearer [secret:PAYMENTS_TOKEN]');
    expect(charge.output.headers['x-seen-auth']).toBe('Bearer [secret:PAYMENTS_TOKEN]');
    expect(charge.output.body.url).toBe('/charges?auth=[secret:DB_PASSWORD]');
    expect(stepOf(run, 'peek').output).toEqual({ copied: 'Bearer [secret:PAYMENTS_TOKEN]', direct: '[secret:PAYMENTS_TOKEN]' });
    const stored = await q('select input, output, error from steps where run_id = $1', [run.id]);
    const everything = JSON.stringify(stored.rows) + JSON.stringify(run);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('masks it in an event a step emits (the log is readable by every viewer)', async () => {
    const { rows } = await q(`select data from events where type = 'charge.done'`);
    expect(rows[0].data).toEqual({ token: '[secret:PAYMENTS_TOKEN]', amount: 42 });
  });

  it('does not hand secrets to code steps', () => {
    const code = stepOf(run, 'code');
    expect(code.output.result).toBe('undefined');
    expect(code.output.logs).toEqual([{ level: 'log', message: 'secrets is undefined' }]);
  });

  it('masks it in a failed step’s error, and keeps it out of the worker’s log', async () => {
    await createActiveWorkflow({
      name: 'Failing with a secret',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos(0), config: { eventType: 'charge.refused' } },
        { id: 'charge', type: 'http', position: pos(1), config: { method: 'GET', url: `${origin}/fail?key={{ secrets.PAYMENTS_TOKEN }}` } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'charge' }],
    });
    const sent = await sendEvent({ type: 'charge.refused', data: {} });
    const [started] = await routedRuns(ctx, sent.seq);
    const failed = await waitForRun(started.id);
    expect(failed.status).toBe('failed');
    const error = stepOf(failed, 'charge').error;
    expect(error.message).toBe(`GET ${origin}/fail?key=[secret:PAYMENTS_TOKEN] answered HTTP 400`);
    expect(error.details.body.url).toBe('/fail?key=[secret:PAYMENTS_TOKEN]');
    expect(received.some((r) => r.url === `/fail?key=${TOKEN}`)).toBe(true);
    const log = worker.output();
    expect(log).toContain('"msg":"worker started"');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('fails a step that names a secret that does not exist, clearly and without retrying', async () => {
    await createActiveWorkflow({
      name: 'Missing secret',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos(0), config: { eventType: 'charge.orphan' } },
        { id: 'charge', type: 'http', position: pos(1), config: { method: 'GET', url: `${origin}/x`, headers: { a: '{{ secrets.NOT_THERE }}' }, retry: { attempts: 3, backoff: 'fixed', delay: '1s' } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'charge' }],
    });
    const sent = await sendEvent({ type: 'charge.orphan', data: {} });
    const [started] = await routedRuns(ctx, sent.seq);
    const failed = await waitForRun(started.id);
    expect(stepOf(failed, 'charge')).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'secret_missing', message: expect.stringMatching(/no secret named NOT_THERE/) } });
    expect(received.some((r) => r.url === '/x')).toBe(false);
  });

  it('masks it in a webhook delivery a workflow sent to one of our own endpoints, as shown (the stored body is untouched)', async () => {
    const hook = await callApi('POST', '/api/hooks', { body: { name: 'Loopback', eventType: 'loop.back', verify: { scheme: 'none' } } });
    await createActiveWorkflow({
      name: 'Send to our hook',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos(0), config: { eventType: 'loop.start' } },
        { id: 'send', type: 'http', position: pos(1), config: {
          method: 'POST', url: `${api.url}/api/hooks/${hook.body.id}`, headers: { 'x-token': '{{ secrets.PAYMENTS_TOKEN }}' }, body: { token: '{{ secrets.PAYMENTS_TOKEN }}' },
        } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'send' }],
    });
    const sent = await sendEvent({ type: 'loop.start', data: {} });
    const [started] = await routedRuns(ctx, sent.seq);
    expect((await waitForRun(started.id)).status).toBe('succeeded');
    const list = await waitFor(async () => {
      const res = await callApi('GET', `/api/hooks/${hook.body.id}/deliveries`);
      return res.body.items.length > 0 ? res.body : undefined;
    }, { what: 'the delivery' });
    const shown = JSON.stringify(list);
    expect(shown).not.toContain(TOKEN);
    expect(shown).toContain('[secret:PAYMENTS_TOKEN]');
    const one = await callApi('GET', `/api/hooks/${hook.body.id}/deliveries/${list.items[0].id}`);
    expect(JSON.stringify(one.body)).not.toContain(TOKEN);
    expect(one.body.headers).toContainEqual(['x-token', '[secret:PAYMENTS_TOKEN]']);
    const raw = await q('select body from hook_deliveries where hook_id = $1', [hook.body.id]);
    expect(raw.rows[0].body).toContain(TOKEN);
  });

  it('uses a replaced value from the next step on', async () => {
    expect((await callApi('PUT', '/api/secrets/PAYMENTS_TOKEN', { body: { value: 'tok_live_rotated_0001' } })).status).toBe(200);
    const sent = await sendEvent({ type: 'charge.requested', data: { amount: 7 } });
    const [started] = await routedRuns(ctx, sent.seq);
    const again = await waitForRun(started.id);
    expect(again.status).toBe('succeeded');
    expect(received.filter((r) => r.url.startsWith('/charges')).at(-1)!.authorization).toBe('Bearer tok_live_rotated_0001');
    expect(stepOf(again, 'charge').output.body.youSent).toBe('Bearer [secret:PAYMENTS_TOKEN]');
  });
});
