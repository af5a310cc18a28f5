/**
 * `fetch` for code steps that allow it: it goes through the same safe HTTP client as the http
 * step (here admitting 127.0.0.1 as CAUSEWAY_HTTP_ALLOW would), within the step's time limit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSafeHttp } from '../../../lib/net/safe-http';
import { startLoopbackServer, type LoopbackServer } from '../net/loopback-server';
import { request, testSandbox, type Sandbox } from './helpers';
import { HOST_SLACK_MS } from '../../setup/timing';

let server: LoopbackServer;
let sandbox: Sandbox;
const pending: Array<() => void> = [];

beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    if (req.url === '/slow') {
      pending.push(() => res.end('late'));
      return;
    }
    if (req.url === '/fail') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'down' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'loopback' });
    res.end(JSON.stringify({ method: req.method, path: req.url, body: req.body, key: req.headers['idempotency-key'], token: req.headers['x-token'] ?? null }));
  });
  sandbox = testSandbox({ http: createSafeHttp({ allow: ['127.0.0.1/32'] }) });
  await sandbox.runCode(request('return 1'));
});

afterEach(() => {
  for (const release of pending.splice(0)) release();
  server.requests.length = 0;
});

afterAll(async () => {
  await sandbox?.close();
  await server?.close();
});

const allowed = (source: string, extra: Parameters<typeof request>[1] = {}) =>
  sandbox.runCode(request(source.replaceAll('ORIGIN', server.origin), { allowFetch: true, ...extra }));

describe('fetch', () => {
  it('GETs JSON: status, headers, json() and text()', async () => {
    const res = await allowed(`const r = await fetch('ORIGIN/orders/1');
const data = await r.json();
return { ok: r.ok, status: r.status, type: r.headers['content-type'], servedBy: r.headers['x-served-by'], path: data.path, text: (await r.text()).slice(0, 14) }`);
    expect(res).toMatchObject({
      ok: true,
      result: { ok: true, status: 200, type: 'application/json', servedBy: 'loopback', path: '/orders/1', text: '{"method":"GET' },
    });
  });

  it('POSTs a JSON body with the caller headers and the step idempotency key', async () => {
    const res = await allowed(`const r = await fetch('ORIGIN/charge', { method: 'post', headers: { 'x-token': 7 }, body: { amount: event.data.total } });
return r.body`);
    expect(res).toMatchObject({ ok: true, result: { method: 'POST', path: '/charge', body: '{"amount":30}', key: 'run-1:code', token: '7' } });
    expect(server.requests).toHaveLength(1);
  });

  it('hands an error status to the code instead of failing', async () => {
    const res = await allowed(`const r = await fetch('ORIGIN/fail');\nreturn { ok: r.ok, status: r.status, body: r.body }`);
    expect(res).toMatchObject({ ok: true, result: { ok: false, status: 500, body: { error: 'down' } } });
  });

  it('lets the code catch a refused fetch', async () => {
    const res = await allowed(`try { await fetch('http://10.0.0.1/'); } catch (e) { return e.message }`);
    expect(res).toMatchObject({ ok: true, result: expect.stringMatching(/^fetch GET http:\/\/10\.0\.0\.1\/ failed: address 10\.0\.0\.1 is not public/) });
  });

  it('counts time spent waiting for an answer against the time limit', async () => {
    const started = performance.now();
    const res = await allowed(`return (await fetch('ORIGIN/slow')).body`, { timeoutMs: 300 });
    expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'the time limit was reached while waiting for fetch' } });
    expect(performance.now() - started).toBeLessThan(400 + HOST_SLACK_MS);
    expect(server.requests).toHaveLength(1);
  });

  it('ends a run whose result does not wait for its fetches, and serves the next run', async () => {
    const first = await allowed(`fetch('ORIGIN/slow');\nreturn 'not waiting'`);
    expect(first).toMatchObject({ ok: true, result: 'not waiting' });
    for (const release of pending.splice(0)) release();
    const second = await allowed(`return (await fetch('ORIGIN/two')).body.path`);
    expect(second).toMatchObject({ ok: true, result: '/two' });
  });

  it('allows at most 20 calls per run', async () => {
    const res = await allowed(`for (let i = 0; i < 25; i++) await fetch('ORIGIN/n' + i);`);
    expect(res).toMatchObject({ ok: false, error: { kind: 'error', name: 'TypeError', message: 'a code step may call fetch at most 20 times' } });
    expect(server.requests).toHaveLength(20);
  });

  it('refuses methods the http step does not know', async () => {
    const res = await allowed(`return (await fetch('ORIGIN/x', { method: 'TRACE' })).status`);
    expect(res).toMatchObject({ ok: false, error: { message: expect.stringMatching(/method must be one of GET, POST/) } });
    expect(server.requests).toHaveLength(0);
  });

  it('is refused without the allowance, even to an allowed host', async () => {
    const res = await sandbox.runCode(request(`return (await fetch('${server.origin}/x')).status`));
    expect(res).toMatchObject({ ok: false, error: { message: 'fetch is not allowed in this code step (set allowFetch on the node to use it)' } });
    expect(server.requests).toHaveLength(0);
  });
});
