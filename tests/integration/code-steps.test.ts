/**
 * `code` steps carried out by the real worker: the output later steps read, the step record of
 * a failure, retries (thrown errors follow the policy, limit overruns are not retried),
 * onError, fetch through the worker's safe HTTP client, and validation at activation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { HOST_SLACK_MS } from '../setup/timing';
import { createActiveWorkflow as activate } from './api-helpers';

let ctx: TestContext;
let server: http.Server;
let origin: string;
const hits: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ rate: 1.1, key: req.headers['idempotency-key'] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ctx.startWorker();
});

afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const pos = { x: 0, y: 0 };


/** Sends one event to a one-code-step workflow and answers the settled run with its steps by node id. */
async function runOnce(workflowId: string, type: string, id: string, data: unknown) {
  const sent = await callApi('POST', '/api/events', { body: { type, id, source: '/code', data } });
  expect(sent.status).toBe(202);
  const run = await waitFor(async () => {
    const { body } = await callApi('GET', `/api/runs?eventId=${id}&eventSource=/code&workflowId=${workflowId}`);
    const found = body.items[0];
    if (!found) return undefined;
    const detail = await callApi('GET', `/api/runs/${found.id}`);
    return ['succeeded', 'failed', 'cancelled'].includes(detail.body.status) ? detail.body : undefined;
  }, { what: `the run of ${id} to end` });
  return { run, steps: Object.fromEntries(run.steps.map((s: { nodeId: string }) => [s.nodeId, s])) as Record<string, any> };
}

describe('code steps in a workflow', () => {
  it('computes a value that later steps and emitted events use as steps.<id>.result', async () => {
    const workflowId = await activate({
      name: 'Code then use',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'code.use' } },
        { id: 'price', type: 'code', position: pos, config: {
          source: `const lines = event.data.items.map((i) => ({ sku: i.sku, amount: i.qty * i.price }));
console.log('lines', lines.length);
return { orderId: event.data.orderId, lines, total: lines.reduce((s, l) => s + l.amount, 0) };` } },
        { id: 'double', type: 'transform', position: pos, config: { expression: 'steps.price.result.total * 2' } },
        { id: 'announce', type: 'emit', position: pos, config: { eventType: 'code.priced', subject: '{{ steps.price.result.orderId }}', data: '{{ steps.price.result }}' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'price' },
        { id: 'e2', source: 'price', target: 'double' },
        { id: 'e3', source: 'price', target: 'announce' },
      ],
    });
    const { run, steps } = await runOnce(workflowId, 'code.use', 'use-1', { orderId: 'o-7', items: [{ sku: 'A', qty: 2, price: 5 }, { sku: 'B', qty: 1, price: 12 }] });

    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const result = { orderId: 'o-7', lines: [{ sku: 'A', amount: 10 }, { sku: 'B', amount: 12 }], total: 22 };
    expect(steps.price).toMatchObject({ status: 'succeeded', attempt: 1, output: { result, logs: [{ level: 'log', message: 'lines 2' }] } });
    expect(steps.double.output).toBe(44);
    const emitted = await callApi('GET', '/api/events?type=code.priced&subject=o-7');
    expect(emitted.body.items).toHaveLength(1);
    expect(emitted.body.items[0].data).toEqual(result);
  });

  it('retries a thrown error by the node policy, then takes the error branch with the details', async () => {
    const workflowId = await activate({
      name: 'Code throws',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'code.throws' } },
        { id: 'check', type: 'code', position: pos, onError: 'branch', retry: { attempts: 3, backoff: 'fixed', delay: '10ms' },
          config: { source: 'console.warn("checking", event.data.orderId);\nif (!event.data.paid) {\n  throw new Error(`order ${event.data.orderId} is not paid`);\n}' } },
        { id: 'ok', type: 'transform', position: pos, config: { expression: '"ok"' } },
        { id: 'handled', type: 'transform', position: pos, config: { expression: '{ "message": steps.check.error.message, "line": steps.check.error.details.line }' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'check' },
        { id: 'e2', source: 'check', target: 'ok' },
        { id: 'e3', source: 'check', target: 'handled', sourceHandle: 'error' },
      ],
    });
    const { run, steps } = await runOnce(workflowId, 'code.throws', 'throws-1', { orderId: 'o-8', paid: false });

    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(steps.check).toMatchObject({ status: 'failed', handle: 'error', attempt: 3 });
    expect(steps.check.error).toMatchObject({
      message: 'Error: order o-8 is not paid (line 3, column 18)',
      code: 'code_error',
      retriable: true,
      details: { kind: 'error', name: 'Error', line: 3, column: 18, logs: [{ level: 'warn', message: 'checking o-8' }] },
    });
    expect(steps.ok.status).toBe('skipped');
    expect(steps.handled.output).toEqual({ message: 'Error: order o-8 is not paid (line 3, column 18)', line: 3 });
  });

  it('does not retry a time limit overrun, whatever the retry policy', async () => {
    const workflowId = await activate({
      name: 'Code loops',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'code.loops' } },
        { id: 'spin', type: 'code', position: pos, retry: { attempts: 3, backoff: 'fixed', delay: '10ms' }, config: { source: 'while (true) {}', timeoutMs: 150 } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'spin' }],
    });
    const { run, steps } = await runOnce(workflowId, 'code.loops', 'loops-1', {});

    expect(run.status).toBe('failed');
    expect(steps.spin).toMatchObject({ status: 'failed', attempt: 1 });
    expect(steps.spin.error).toMatchObject({ message: 'time limit of 150 ms exceeded', code: 'code_timeout', retriable: false, details: { kind: 'timeout', limit: 'time' } });
    expect(steps.spin.error.details.elapsedMs).toBeLessThan(250 + HOST_SLACK_MS);
  });

  it('does not retry a syntax error', async () => {
    const workflowId = await activate({
      name: 'Code does not parse',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'code.syntax' } },
        { id: 'broken', type: 'code', position: pos, retry: { attempts: 3, backoff: 'fixed', delay: '10ms' }, config: { source: 'return {' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'broken' }],
    });
    const { steps } = await runOnce(workflowId, 'code.syntax', 'syntax-1', {});
    expect(steps.broken).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'code_syntax', retriable: false, details: { line: 1, column: 9 } } });
    expect(steps.broken.error.message).toMatch(/^SyntaxError: /);
  });

  it('fetches through the worker client: an allowed host answers, other loopback addresses stay blocked', async () => {
    const workflowId = await activate({
      name: 'Code fetches',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'code.fetch' } },
        { id: 'rate', type: 'code', position: pos, config: { allowFetch: true, source: `const r = await fetch('${origin}/rate?currency=' + event.data.currency);
const { rate, key } = await r.json();
let blocked = null;
try { await fetch('http://127.0.0.2:${(server.address() as AddressInfo).port}/rate'); } catch (e) { blocked = e.message; }
return { amount: event.data.amount * rate, key, blocked };` } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'rate' }],
    });
    const { run, steps } = await runOnce(workflowId, 'code.fetch', 'fetch-1', { amount: 10, currency: 'EUR' });

    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(steps.rate.output.result).toMatchObject({ amount: 11, key: `${run.id}:rate`, blocked: expect.stringMatching(/127\.0\.0\.2 is not public/) });
    expect(hits).toEqual(['/rate?currency=EUR']);
  });

  it('refuses to activate a code node whose limits are out of range, naming the node', async () => {
    const created = await callApi('POST', '/api/workflows', { body: {
      name: 'Code too slow',
      nodes: [
        { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'code.invalid' } },
        { id: 'slow', type: 'code', position: pos, config: { source: 'return 1', timeoutMs: 120_000 } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'slow' }],
    } });
    const activated = await callApi('POST', `/api/workflows/${created.body.id}/activate`);
    expect(activated.status).toBe(422);
    expect(JSON.stringify(activated.body)).toMatch(/slow/);
    expect(JSON.stringify(activated.body)).toMatch(/timeoutMs/);
  });
});
