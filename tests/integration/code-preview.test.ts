/**
 * "Run with the last event" for code nodes: `POST /api/workflows/{id}/code-preview` puts the
 * source on the workers' `previews` queue and answers what the real worker's sandbox made of it
 * against the latest matching event and the latest run's step outputs: a value, console logs, a
 * thrown error with its position, a time limit stop. Bad input is refused before anything runs,
 * and without a worker the web process runs nothing and answers 503.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewCode } from '@/lib/code-preview/service';
import { ApiError } from '@/lib/http/errors';
import { createQueueSet } from '@/lib/jobs/queues';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { HOST_SLACK_MS } from '../setup/timing';
import { waitFor } from '../setup/wait';
import { expectError } from './api-helpers';

let ctx: TestContext;
let workflowId: string;
let runId: string;
const pos = { x: 0, y: 0 };

/*
 *   placed (preview.order.*) ──▶ shape (transform) ──▶ calc (code)
 *          └──────────────────▶ other (code)
 */
const doc = {
  name: 'Preview me',
  nodes: [
    { id: 'placed', type: 'trigger.event', position: pos, config: { eventType: 'preview.order.*', filter: 'data.total > 0' } },
    { id: 'shape', type: 'transform', position: pos, config: { expression: '{ "count": $count(event.data.items) }' } },
    { id: 'calc', type: 'code', position: pos, config: { source: 'return 1;', timeoutMs: 2000 } },
    { id: 'other', type: 'code', position: pos, config: { source: 'return steps;' } },
  ],
  edges: [
    { id: 'e1', source: 'placed', target: 'shape' },
    { id: 'e2', source: 'shape', target: 'calc' },
    { id: 'e3', source: 'placed', target: 'other' },
  ],
};

const preview = (body: unknown, id = workflowId) => callApi('POST', `/api/workflows/${id}/code-preview`, { body });

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
  const created = await callApi('POST', '/api/workflows', { body: doc });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  workflowId = created.body.id;
  expect((await callApi('POST', `/api/workflows/${workflowId}/activate`)).status).toBe(200);
  const event = { type: 'preview.order.placed', id: 'p-1', source: '/shop', data: { orderId: 'o-42', total: 30, items: [{ sku: 'A' }, { sku: 'B' }] } };
  expect((await callApi('POST', '/api/events', { body: event })).status).toBe(202);
  // a later event the trigger's filter refuses: the preview must not pick it
  expect((await callApi('POST', '/api/events', { body: { ...event, id: 'p-2', data: { orderId: 'o-0', total: 0, items: [] } } })).status).toBe(202);
  runId = await waitFor(async () => {
    const { body } = await callApi('GET', `/api/runs?workflowId=${workflowId}`);
    return body.items[0]?.status === 'succeeded' ? body.items[0].id as string : undefined;
  }, { what: 'the sample run to finish' });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('POST /api/workflows/{id}/code-preview', () => {
  it('answers the value the code returns from event, steps and run, and what it ran against', async () => {
    const res = await preview({
      nodeId: 'calc',
      source: 'return { orderId: event.data.orderId, doubled: event.data.total * 2, count: steps.shape.count, workflow: run.workflowId };',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      result: { orderId: 'o-42', doubled: 60, count: 2, workflow: workflowId },
      logs: [],
      against: { event: { id: 'p-1', source: '/shop', type: 'preview.order.placed' }, runId, timeoutMs: 2000, memoryMb: 64 },
    });
    // as in a real run: the outputs of the steps before it (the trigger's included), nothing else
    expect([...res.body.against.steps].sort()).toEqual(['placed', 'shape']);
    expect(res.body.elapsedMs).toEqual(expect.any(Number));
  });

  it('runs the source it is sent, not the saved one, and only upstream steps are in scope', async () => {
    const res = await preview({ nodeId: 'other', source: 'return Object.keys(steps);' });
    expect(res.body).toMatchObject({ ok: true });
    expect(res.body.result).toEqual(res.body.against.steps);
    expect(res.body.result).toEqual(['placed']);
    const saved = await callApi('GET', `/api/workflows/${workflowId}`);
    expect(saved.body.nodes.find((n: { id: string }) => n.id === 'other').config.source).toBe('return steps;');
  });

  it('captures console output', async () => {
    const res = await preview({
      nodeId: 'calc',
      source: 'console.log("order", event.data.orderId);\nconsole.warn("items", event.data.items.length);\nconsole.error({ sku: event.data.items[0].sku });\nreturn null;',
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.result).toBeNull();
    expect(res.body.logs.map((l: { level: string }) => l.level)).toEqual(['log', 'warn', 'error']);
    expect(res.body.logs[0].message).toBe('order o-42');
    expect(res.body.logs[1].message).toBe('items 2');
    expect(res.body.logs[2].message).toMatch(/sku.*A/);
  });

  it('reports a thrown error with its line and column, and the logs written before it', async () => {
    const res = await preview({
      nodeId: 'calc',
      source: 'console.log("checking");\nconst total = event.data.total;\nif (total > 10) {\n  throw new RangeError(`total ${total} is too big`);\n}',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: false,
      error: { code: 'code_error', kind: 'error', limit: null, name: 'RangeError', line: 4, column: 23, message: 'RangeError: total 30 is too big (line 4, column 23)' },
      logs: [{ level: 'log', message: 'checking' }],
    });
  });

  it('reports a syntax error with its position', async () => {
    const res = await preview({ nodeId: 'calc', source: 'const a = 1;\nreturn a +;' });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'code_syntax', kind: 'syntax', line: 2 } });
  });

  it('stops code at the time limit it is sent and says so', async () => {
    const started = Date.now();
    const res = await preview({ nodeId: 'calc', source: 'let n = 0;\nwhile (true) { n++; }', config: { timeoutMs: 200 } });
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: false,
      error: { code: 'code_timeout', kind: 'timeout', limit: 'time' },
      against: { timeoutMs: 200 },
    });
    expect(res.body.error.message).toMatch(/^time limit of 200 ms exceeded/);
    expect(res.body.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(res.body.elapsedMs).toBeLessThan(300 + HOST_SLACK_MS);
    expect(took).toBeLessThan(2_000 + HOST_SLACK_MS);
  });

  it('refuses bad input with 400 before anything runs', async () => {
    expectError(await callApi('POST', `/api/workflows/${workflowId}/code-preview`, { raw: '{nope', headers: { 'content-type': 'application/json' } }), 400);
    expectError(await preview({ source: 'return 1;' }), 400, /nodeId/);
    expectError(await preview({ nodeId: 'calc', source: '' }), 400, /config\.source: the code is empty/);
    expectError(await preview({ nodeId: 'calc', source: 'return 1;', config: { timeoutMs: 600_000 } }), 400, /config\.timeoutMs/);
    expectError(await preview({ nodeId: 'calc', config: { memoryMb: 'lots' } }), 400, /config\.memoryMb/);
    expectError(await preview({ nodeId: 'shape', source: 'return 1;' }), 400, /shape.*transform node, not a code node/);
  });

  it('answers 404 for an unknown node or workflow', async () => {
    expectError(await preview({ nodeId: 'nope', source: 'return 1;' }), 404, /node "nope"/, 'not_found');
    expectError(await preview({ nodeId: 'calc', source: 'return 1;' }, '00000000-0000-4000-8000-000000000000'), 404, /workflow/, 'not_found');
  });

  it('needs an API key', async () => {
    const res = await callApi('POST', `/api/workflows/${workflowId}/code-preview`, { body: { nodeId: 'calc' }, auth: null });
    expect(res.status).toBe(401);
  });
});

describe('without a worker', () => {
  it('runs nothing in the web process: 503 once no worker took the job, and the job is withdrawn', async () => {
    const queues = createQueueSet(ctx.env.REDIS_URL!, `nobody_${randomBytes(4).toString('hex')}`);
    try {
      const started = Date.now();
      const err = await previewCode({ db: ctx.services.database.db, queues }, workflowId, { nodeId: 'calc', source: 'return 1;' }, { pickupMs: 300 })
        .then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(503);
      expect((err as ApiError).message).toMatch(/no worker took the preview within 300 ms/);
      expect(Date.now() - started).toBeLessThan(300 + 1_000 + HOST_SLACK_MS);
      const counts = await queues.queue('previews').getJobCounts();
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await queues.close();
    }
  });
});
