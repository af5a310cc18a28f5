import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { spawnWorker, type WorkerProcess } from '../setup/worker-process';

/**
 * A real worker process and a real signal, with an http step in flight (SPEC §7):
 * SIGKILL → the step runs again on another worker with the same Idempotency-Key;
 * SIGTERM → the running step finishes before the process exits 0, and nothing runs twice.
 */

interface Seen { path: string; at: number; idempotencyKey: string | undefined }
let ctx: TestContext;
let server: http.Server;
let baseUrl: string;
const seen: Seen[] = [];
const spawned: WorkerProcess[] = [];
const pos = { x: 0, y: 0 };

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const idem = req.headers['idempotency-key'];
    seen.push({ path, at: Date.now(), idempotencyKey: Array.isArray(idem) ? idem[0] : idem });
    const n = seen.filter((s) => s.path === path).length;
    req.resume();
    const answer = () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ n })); };
    // /hang never answers its first request (the worker is killed meanwhile); /slow takes 1.5 s.
    if (path === '/hang' && n === 1) return;
    if (path === '/slow') setTimeout(answer, 1_500);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [name, path] of [['kill', '/hang'], ['term', '/slow']]) {
    const created = await callApi('POST', '/api/workflows', {
      body: {
        name: `Signal ${name}`,
        nodes: [
          { id: 'start', type: 'trigger.event', position: pos, config: { eventType: `signal.${name}` } },
          { id: 'call', type: 'http', position: pos, config: { method: 'POST', url: `${baseUrl}${path}`, body: { hello: name }, timeoutMs: 60_000 } },
          { id: 'after', type: 'transform', position: pos, config: { expression: 'steps.call.body.n' } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'call' }, { id: 'e2', source: 'call', target: 'after' }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const activated = await callApi('POST', `/api/workflows/${created.body.id}/activate`);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
  }
});

afterEach(async () => {
  await Promise.all(spawned.map((w) => w.kill('SIGKILL')));
});

afterAll(async () => {
  await Promise.all(spawned.map((w) => w.kill('SIGKILL')));
  await ctx?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

async function start(): Promise<WorkerProcess> {
  const worker = spawnWorker(ctx.env);
  spawned.push(worker);
  await worker.ready;
  return worker;
}

async function send(type: string, id: string) {
  const res = await callApi('POST', '/api/events', { body: { type, id, source: '/signals', data: {} } });
  expect(res.status).toBe(202);
}

async function runOf(eventId: string) {
  return waitFor(async () => (await callApi('GET', `/api/runs?eventId=${eventId}&eventSource=/signals`)).body.items[0], { what: `the run of ${eventId}` });
}

const getRun = async (id: string) => (await callApi('GET', `/api/runs/${id}`)).body;
const stepsOf = (run: { steps: { nodeId: string }[] }) => Object.fromEntries(run.steps.map((s) => [s.nodeId, s])) as Record<string, any>;

describe('signals to a worker process with an http step in flight', () => {
  it('SIGKILL: another worker runs the step again with the same idempotency key', async () => {
    const first = await start();
    await send('signal.kill', 'kill-1');
    await waitFor(async () => seen.some((s) => s.path === '/hang'), { what: 'the request to arrive' });
    const { id: runId } = await runOf('kill-1');
    expect(stepsOf(await getRun(runId)).call).toMatchObject({ status: 'running', attempt: 1 });
    const killedAt = Date.now();
    await first.kill('SIGKILL');

    await start();
    const run = await waitFor(async () => {
      const r = await getRun(runId);
      return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
    }, { timeoutMs: 45_000, intervalMs: 200, what: 'the run to end after the kill' });
    console.log(`[signals] step re-run ${((seen.filter((s) => s.path === '/hang')[1]?.at ?? NaN) - killedAt)} ms after SIGKILL; run ended ${Date.now() - killedAt} ms after it`);

    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const s = stepsOf(run);
    expect(s.call).toMatchObject({ status: 'succeeded', attempt: 2, output: { status: 200, body: { n: 2 } } });
    expect(s.after.output).toBe(2);
    const requests = seen.filter((r) => r.path === '/hang');
    expect(requests.map((r) => r.idempotencyKey)).toEqual([`${runId}:call`, `${runId}:call`]);
  }, 60_000);

  it('SIGTERM: the running step finishes before the process exits, and is not run again', async () => {
    const worker = await start();
    await send('signal.term', 'term-1');
    await waitFor(async () => seen.some((s) => s.path === '/slow'), { what: 'the request to arrive' });
    const { id: runId } = await runOf('term-1');

    const exit = await worker.kill('SIGTERM');
    expect(exit, worker.output().slice(-2000)).toEqual({ code: 0, signal: null });
    const drained = stepsOf(await getRun(runId));
    expect(drained.call).toMatchObject({ status: 'succeeded', attempt: 1, output: { status: 200, body: { n: 1 } } });

    await start();
    const run = await waitFor(async () => {
      const r = await getRun(runId);
      return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
    }, { timeoutMs: 20_000, what: 'the run to end' });
    expect(run.status).toBe('succeeded');
    expect(stepsOf(run).call.attempt).toBe(1);
    expect(stepsOf(run).after.output).toBe(1);
    expect(seen.filter((r) => r.path === '/slow')).toHaveLength(1);
  }, 30_000);
});
