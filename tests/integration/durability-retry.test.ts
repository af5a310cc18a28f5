import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow as activate } from './api-helpers';

/**
 * Step retries (SPEC §5 `retry`, §7 at-least-once with stable idempotency keys), retrying a
 * failed run from its failed step, and the `onError` policies.
 */

interface Seen { path: string; at: number; idempotencyKey: string | undefined }
type Answer = (n: number) => { status: number; body: unknown };

let ctx: TestContext;
let server: http.Server;
let baseUrl: string;
const seen: Seen[] = [];
const answers = new Map<string, Answer>();

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    req.resume();
    req.on('end', () => {
      const idem = req.headers['idempotency-key'];
      seen.push({ path, at: performance.now(), idempotencyKey: Array.isArray(idem) ? idem[0] : idem });
      const n = seen.filter((s) => s.path === path).length;
      const answer = answers.get(path)?.(n) ?? { status: 404, body: { error: 'no such path' } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ctx.startWorker();
});

afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const pos = { x: 0, y: 0 };


async function send(type: string, id: string, data: unknown) {
  const res = await callApi('POST', '/api/events', { body: { type, id, source: '/durability', data } });
  expect(res.status).toBe(202);
  return res.body as { id: string; seq: number };
}

async function runOf(eventId: string, workflowId: string) {
  return waitFor(async () => {
    const { body } = await callApi('GET', `/api/runs?eventId=${eventId}&eventSource=/durability&workflowId=${workflowId}`);
    return body.items[0];
  }, { what: `the run of ${eventId}` });
}

async function settled(runId: string, timeoutMs = 20_000) {
  return waitFor(async () => {
    const { body } = await callApi('GET', `/api/runs/${runId}`);
    return ['succeeded', 'failed', 'cancelled'].includes(body.status) ? body : undefined;
  }, { timeoutMs, what: `run ${runId} to end` });
}

const stepsOf = (run: { steps: { nodeId: string }[] }) => Object.fromEntries(run.steps.map((s) => [s.nodeId, s])) as Record<string, any>;

describe('step retries', () => {
  it('retries an http step with exponential backoff and the same idempotency key, then succeeds', async () => {
    answers.set('/flaky', (n) => (n <= 2 ? { status: 503, body: { n } } : { status: 200, body: { ok: true, n } }));
    const workflowId = await activate({
      name: 'Retry with backoff',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'retry.backoff' } },
        { id: 'call', type: 'http', position: pos, config: { method: 'POST', url: `${baseUrl}/flaky`, body: { hello: 'world' } },
          retry: { attempts: 3, backoff: 'exponential', delay: '100ms' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'call' }],
    });
    await send('retry.backoff', 'rb-1', {});
    const run = await settled((await runOf('rb-1', workflowId)).id);

    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const call = stepsOf(run).call;
    expect(call.status).toBe('succeeded');
    expect(call.attempt).toBe(3);
    expect(call.output).toMatchObject({ status: 200, body: { ok: true, n: 3 } });

    const requests = seen.filter((s) => s.path === '/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.idempotencyKey))).toEqual(new Set([`${run.id}:call`]));
    const gaps = [requests[1].at - requests[0].at, requests[2].at - requests[1].at];
    // delay * 2^(attempt-1): 100 ms after the first failure, 200 ms after the second.
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
  });

  it('fails the run when the attempts run out, and POST /api/runs/{id}/retry resumes it from the failed step', async () => {
    let healthy = false;
    answers.set('/until-fixed', () => (healthy ? { status: 200, body: { fixed: true } } : { status: 500, body: { broken: true } }));
    const workflowId = await activate({
      name: 'Retry from the failed step',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'retry.api' } },
        { id: 'prep', type: 'transform', position: pos, config: { expression: '{ "orderId": event.data.orderId, "at": $millis() }' } },
        { id: 'call', type: 'http', position: pos, config: { method: 'POST', url: `${baseUrl}/until-fixed`, body: '{{ steps.prep }}' } },
        { id: 'after', type: 'transform', position: pos, config: { expression: 'steps.call.body.fixed and steps.prep.orderId = "o-1"' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'prep' },
        { id: 'e2', source: 'prep', target: 'call' },
        { id: 'e3', source: 'call', target: 'after' },
      ],
    });
    await send('retry.api', 'ra-1', { orderId: 'o-1' });
    const failed = await settled((await runOf('ra-1', workflowId)).id);

    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ nodeId: 'call' });
    const before = stepsOf(failed);
    expect(before.prep).toMatchObject({ status: 'succeeded', attempt: 1, output: { orderId: 'o-1' } });
    expect(before.call).toMatchObject({ status: 'failed', attempt: 1 });
    expect(before.after).toBeUndefined();
    expect(seen.filter((s) => s.path === '/until-fixed')).toHaveLength(1);

    healthy = true;
    const retried = await callApi('POST', `/api/runs/${failed.id}/retry`);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    const done = await settled(failed.id);

    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    const after = stepsOf(done);
    // The succeeded step is kept as it was: not re-run, same output, same timings.
    expect(after.prep).toEqual(before.prep);
    expect(after.call).toMatchObject({ status: 'succeeded', attempt: 2, output: { status: 200, body: { fixed: true } }, error: null });
    expect(after.after).toMatchObject({ status: 'succeeded', output: true });
    const requests = seen.filter((s) => s.path === '/until-fixed');
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.idempotencyKey)).toEqual([`${failed.id}:call`, `${failed.id}:call`]);

    const again = await callApi('POST', `/api/runs/${failed.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    // Nothing was re-dispatched by the refused retry.
    expect(seen.filter((s) => s.path === '/until-fixed')).toHaveLength(2);
  });
});

describe('onError', () => {
  it('branch: a failed step takes its error handle and the run goes on down that path', async () => {
    answers.set('/always-500', () => ({ status: 500, body: { down: true } }));
    const workflowId = await activate({
      name: 'onError branch',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'onerror.branch' } },
        { id: 'call', type: 'http', position: pos, config: { method: 'GET', url: `${baseUrl}/always-500` }, onError: 'branch' },
        { id: 'ok', type: 'transform', position: pos, config: { expression: '"ok"' } },
        { id: 'handled', type: 'transform', position: pos, config: { expression: '{ "caught": steps.call.error.message }' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'call' },
        { id: 'e2', source: 'call', target: 'ok' },
        { id: 'e3', source: 'call', target: 'handled', sourceHandle: 'error' },
      ],
    });
    await send('onerror.branch', 'ob-1', {});
    const run = await settled((await runOf('ob-1', workflowId)).id);

    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const s = stepsOf(run);
    expect(s.call).toMatchObject({ status: 'failed', handle: 'error', attempt: 1 });
    expect(s.call.error.message).toMatch(/HTTP 500/);
    expect(s.ok.status).toBe('skipped');
    expect(s.handled.status).toBe('succeeded');
    expect(s.handled.output.caught).toMatch(/HTTP 500/);
  });

  it('continue: a failed step passes its error on as output and the run succeeds', async () => {
    answers.set('/bad-request', () => ({ status: 400, body: { invalid: true } }));
    const workflowId = await activate({
      name: 'onError continue',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'onerror.continue' } },
        { id: 'call', type: 'http', position: pos, config: { method: 'GET', url: `${baseUrl}/bad-request` }, onError: 'continue',
          retry: { attempts: 3, backoff: 'fixed', delay: '10ms' } },
        { id: 'next', type: 'transform', position: pos, config: { expression: '{ "message": steps.call.error.message, "status": steps.call.error.details.status }' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'call' },
        { id: 'e2', source: 'call', target: 'next' },
      ],
    });
    await send('onerror.continue', 'oc-1', {});
    const run = await settled((await runOf('oc-1', workflowId)).id);

    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const s = stepsOf(run);
    // A 4xx is not retriable: one attempt despite `retry`.
    expect(s.call).toMatchObject({ status: 'failed', handle: 'out', attempt: 1 });
    expect(s.call.output.error.message).toMatch(/HTTP 400/);
    expect(s.next).toMatchObject({ status: 'succeeded', output: { status: 400 } });
    expect(s.next.output.message).toMatch(/HTTP 400/);
    expect(seen.filter((r) => r.path === '/bad-request')).toHaveLength(1);
  });
});
