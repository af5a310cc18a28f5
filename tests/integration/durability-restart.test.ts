import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchSteps } from '../../lib/runs/step-jobs';
import type { WorkerRuntime } from '../../worker/runtime';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow } from './api-helpers';

/**
 * Delays and waits live in PostgreSQL (with their due time) and as BullMQ delayed jobs, so they
 * outlast the worker that started them (SPEC §7). Each test runs its own workers and closes them.
 */

let ctx: TestContext;
let running: WorkerRuntime[] = [];
const workflowIds = new Map<string, string>();
const pos = { x: 0, y: 0 };

async function startWorker() {
  const worker = await ctx.startWorker();
  running.push(worker);
  return worker;
}

async function stopWorker(worker: WorkerRuntime) {
  running = running.filter((w) => w !== worker);
  await worker.close();
}

async function activate(doc: { name: string; [key: string]: unknown }): Promise<string> {
  const id = await createActiveWorkflow(doc);
  workflowIds.set(doc.name, id);
  return id;
}

async function send(type: string, id: string, data: unknown) {
  const res = await callApi('POST', '/api/events', { body: { type, id, source: '/durability', data } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body as { id: string; seq: number };
}

async function runOf(eventId: string) {
  return waitFor(async () => {
    const { body } = await callApi('GET', `/api/runs?eventId=${eventId}&eventSource=/durability`);
    return body.items.length === 1 ? body.items[0] : undefined;
  }, { what: `the run of ${eventId}` });
}

const getRun = async (id: string) => (await callApi('GET', `/api/runs/${id}`)).body;
const stepsOf = (run: { steps: { nodeId: string }[] }) => Object.fromEntries(run.steps.map((s) => [s.nodeId, s])) as Record<string, any>;

async function stepIs(runId: string, nodeId: string, status: string) {
  return waitFor(async () => {
    const run = await getRun(runId);
    const step = stepsOf(run)[nodeId];
    return step?.status === status ? step : undefined;
  }, { what: `step ${nodeId} of ${runId} to be ${status}` });
}

async function settled(runId: string, timeoutMs = 20_000) {
  return waitFor(async () => {
    const run = await getRun(runId);
    return ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
  }, { timeoutMs, what: `run ${runId} to end` });
}

async function query<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await ctx.services.database.pool.query(text, values)).rows as T[];
}

async function routedAt(eventId: string): Promise<Date | null> {
  const [row] = await query<{ routed_at: Date | null }>(`select routed_at from events where source = '/durability' and id = $1`, [eventId]);
  return row.routed_at;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await activate({
    name: 'Delay',
    nodes: [
      { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'restart.delay' } },
      { id: 'pause', type: 'delay', position: pos, config: { duration: '3s' } },
      { id: 'after', type: 'transform', position: pos, config: { expression: 'event.data.n * 2' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'pause' }, { id: 'e2', source: 'pause', target: 'after' }],
  });
  const waitNode = (timeout: string) => ({
    id: 'payment', type: 'wait_for_event', position: pos,
    config: { eventType: 'payment.captured', match: 'event.data.orderId = trigger.data.orderId', timeout },
  });
  const outcomes = [
    { id: 'paid', type: 'transform', position: pos, config: { expression: '{ "orderId": event.data.orderId, "paymentId": steps.payment.id }' } },
    { id: 'unpaid', type: 'transform', position: pos, config: { expression: '"timed out"' } },
  ];
  const outcomeEdges = [
    { id: 'r', source: 'payment', target: 'paid', sourceHandle: 'received' },
    { id: 't', source: 'payment', target: 'unpaid', sourceHandle: 'timeout' },
  ];
  await activate({
    name: 'Wait',
    nodes: [{ id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'restart.order.placed' } }, waitNode('1m'), ...outcomes],
    edges: [{ id: 'e1', source: 'start', target: 'payment' }, ...outcomeEdges],
  });
  await activate({
    name: 'Delayed wait',
    nodes: [
      { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'early.order.placed' } },
      { id: 'pause', type: 'delay', position: pos, config: { duration: '1s' } },
      waitNode('1m'), ...outcomes,
    ],
    edges: [{ id: 'e1', source: 'start', target: 'pause' }, { id: 'e2', source: 'pause', target: 'payment' }, ...outcomeEdges],
  });
  await activate({
    name: 'Busy delayed wait',
    nodes: [
      { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'busy.order.placed' } },
      { id: 'pause', type: 'delay', position: pos, config: { duration: '2s' } },
      waitNode('5s'), ...outcomes,
    ],
    edges: [{ id: 'e1', source: 'start', target: 'pause' }, { id: 'e2', source: 'pause', target: 'payment' }, ...outcomeEdges],
  });
  await activate({
    name: 'Wait timeout',
    nodes: [{ id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'timeout.order.placed' } }, waitNode('1s'), ...outcomes],
    edges: [{ id: 'e1', source: 'start', target: 'payment' }, ...outcomeEdges],
  });
});

afterEach(async () => {
  await Promise.all(running.map((w) => w.close().catch(() => {})));
  running = [];
});

afterAll(async () => {
  await ctx?.close();
});

describe('a delay', () => {
  it('survives a worker restart and ends no earlier than its duration', async () => {
    const first = await startWorker();
    await send('restart.delay', 'delay-1', { n: 21 });
    const { id: runId } = await runOf('delay-1');
    const waiting = await stepIs(runId, 'pause', 'waiting');
    expect(waiting.dueAt).not.toBeNull();
    await stopWorker(first);

    await startWorker();
    const run = await settled(runId, 15_000);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const s = stepsOf(run);
    expect(s.after.output).toBe(42);
    const delayStart = Date.parse(s.pause.startedAt);
    const afterStart = Date.parse(s.after.startedAt);
    // The worker may wake a step up to 25 ms before it is due (DUE_TOLERANCE_MS); never earlier.
    expect(afterStart).toBeGreaterThanOrEqual(delayStart + 3000 - 25);
    expect(afterStart).toBeGreaterThanOrEqual(Date.parse(waiting.dueAt) - 25);
    expect(Date.parse(s.pause.finishedAt)).toBeGreaterThanOrEqual(Date.parse(waiting.dueAt) - 25);
  });

  it('comes due while no worker runs and finishes once one starts', async () => {
    const first = await startWorker();
    await send('restart.delay', 'delay-2', { n: 1 });
    const { id: runId } = await runOf('delay-2');
    const waiting = await stepIs(runId, 'pause', 'waiting');
    await stopWorker(first);

    const due = Date.parse(waiting.dueAt);
    await waitFor(async () => Date.now() > due + 300, { timeoutMs: 10_000, what: 'the delay to come due' });
    expect((await getRun(runId)).status).toBe('waiting');

    const restartedAt = Date.now();
    await startWorker();
    const run = await settled(runId, 15_000);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(stepsOf(run).after.output).toBe(2);
    // The overdue wake-up is still in Redis (a delayed job) or found by the reconciler: it runs promptly.
    expect(Date.parse(stepsOf(run).after.finishedAt) - restartedAt).toBeLessThan(4_000);
  });
});

describe('a wait_for_event', () => {
  it('survives a worker restart, ignores a non-matching event and takes the matching one sent while no worker ran', async () => {
    const first = await startWorker();
    await send('restart.order.placed', 'order-a', { orderId: 'A-1' });
    const { id: runId } = await runOf('order-a');
    await stepIs(runId, 'payment', 'waiting');

    await send('payment.captured', 'pay-other', { orderId: 'A-2' });
    await waitFor(() => routedAt('pay-other'), { what: 'the other payment to be routed' });
    const [openWait] = await query(`select status from waits where run_id = $1`, [runId]);
    expect(openWait.status).toBe('waiting');
    expect((await getRun(runId)).status).toBe('waiting');

    await stopWorker(first);
    await send('payment.captured', 'pay-a', { orderId: 'A-1' });
    expect(await routedAt('pay-a')).toBeNull();
    expect((await getRun(runId)).status).toBe('waiting');

    await startWorker();
    const run = await settled(runId);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const s = stepsOf(run);
    expect(s.payment).toMatchObject({ status: 'succeeded', handle: 'received' });
    expect(s.payment.output).toMatchObject({ id: 'pay-a', type: 'payment.captured', data: { orderId: 'A-1' } });
    expect(s.paid.output).toEqual({ orderId: 'A-1', paymentId: 'pay-a' });
    expect(s.unpaid.status).toBe('skipped');
  });

  it('gives a wait the first in log order of two matching events routed in one transaction', async () => {
    const first = await startWorker();
    await send('restart.order.placed', 'order-g', { orderId: 'G-1' });
    const { id: runId } = await runOf('order-g');
    await stepIs(runId, 'payment', 'waiting');
    await stopWorker(first);

    // one request, so one routing job: both events are routed by the same transaction
    const res = await callApi('POST', '/api/events', { body: [
      { specversion: '1.0', type: 'payment.captured', id: 'pay-g1', source: '/durability', data: { orderId: 'G-1' } },
      { specversion: '1.0', type: 'payment.captured', id: 'pay-g2', source: '/durability', data: { orderId: 'G-1' } },
    ], headers: { 'content-type': 'application/cloudevents-batch+json' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);

    await startWorker();
    const run = await settled(runId);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(stepsOf(run).payment.output).toMatchObject({ id: 'pay-g1' });
    expect(stepsOf(run).paid.output).toEqual({ orderId: 'G-1', paymentId: 'pay-g1' });
    const [wait] = await query<{ event_seq: string }>(`select event_seq from waits where run_id = $1`, [runId]);
    expect(Number(wait.event_seq)).toBe(res.body[0].seq);
  });

  it('matches an event that arrived after the trigger but before the wait was registered', async () => {
    await startWorker();
    await send('early.order.placed', 'order-b', { orderId: 'B-1' });
    const { id: runId } = await runOf('order-b');
    await stepIs(runId, 'pause', 'waiting');

    await send('payment.captured', 'pay-b', { orderId: 'B-1' });
    const paymentRouted = await waitFor(() => routedAt('pay-b'), { what: 'the payment to be routed' });
    // Routed while the run was still in its delay: nothing was waiting for it then.
    expect(await query(`select 1 from waits where run_id = $1`, [runId])).toHaveLength(0);

    const run = await settled(runId);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const s = stepsOf(run);
    expect(s.payment).toMatchObject({ status: 'succeeded', handle: 'received' });
    expect(s.payment.output).toMatchObject({ id: 'pay-b', data: { orderId: 'B-1' } });
    const [wait] = await query<{ created_at: Date; status: string }>(`select created_at, status from waits where run_id = $1`, [runId]);
    expect(wait.status).toBe('received');
    expect(wait.created_at.getTime()).toBeGreaterThan(paymentRouted.getTime());
  });

  it('takes the timeout handle when nothing matches in time, even across a restart', async () => {
    const first = await startWorker();
    // Logged before the trigger: not a candidate.
    await send('payment.captured', 'pay-c-early', { orderId: 'C-1' });
    await waitFor(() => routedAt('pay-c-early'), { what: 'the early payment to be routed' });
    await send('timeout.order.placed', 'order-c', { orderId: 'C-1' });
    const { id: runId } = await runOf('order-c');
    await stepIs(runId, 'payment', 'waiting');
    await stopWorker(first);

    const [wait] = await query<{ timeout_at: Date }>(`select timeout_at from waits where run_id = $1`, [runId]);
    await waitFor(async () => Date.now() > wait.timeout_at.getTime() + 200, { what: 'the wait to time out' });
    expect((await getRun(runId)).status).toBe('waiting');

    await startWorker();
    const run = await settled(runId);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const s = stepsOf(run);
    expect(s.payment).toMatchObject({ status: 'succeeded', handle: 'timeout', output: null });
    expect(s.unpaid).toMatchObject({ status: 'succeeded', output: 'timed out' });
    expect(s.paid.status).toBe('skipped');
    const [after] = await query(`select status from waits where run_id = $1`, [runId]);
    expect(after.status).toBe('timeout');
  });

  it('finds an early matching event even behind more than a thousand non-matching candidates', async () => {
    await startWorker();
    await send('busy.order.placed', 'order-d', { orderId: 'D-1' });
    const { id: runId } = await runOf('order-d');
    await stepIs(runId, 'pause', 'waiting');

    // A busy log: 1,200 payments of other orders land between the trigger and the wait's registration.
    await query(`insert into events (id, source, type, data, routed_at)
      select 'busy-' || g, '/durability', 'payment.captured', jsonb_build_object('orderId', 'other-' || g), clock_timestamp()
      from generate_series(1, 1200) g`);
    await send('payment.captured', 'pay-d', { orderId: 'D-1' });
    await waitFor(() => routedAt('pay-d'), { what: 'the payment to be routed' });
    expect(await query(`select 1 from waits where run_id = $1`, [runId])).toHaveLength(0);

    const run = await settled(runId);
    const s = stepsOf(run);
    expect(s.payment, 'the wait missed an event logged before it registered').toMatchObject({ status: 'succeeded', handle: 'received' });
    expect(s.payment.output).toMatchObject({ id: 'pay-d' });
  });

  it('still finds an early event when the worker died between registering the wait and scanning the log', async () => {
    const first = await startWorker();
    await send('restart.order.placed', 'order-e', { orderId: 'E-1' });
    const { id: runId } = await runOf('order-e');
    await stepIs(runId, 'payment', 'waiting');
    await stopWorker(first);

    // The state such a crash leaves: the wait is registered, a matching event is in the log and was
    // routed before the registration (so routing matched nothing), and the log scan never ran.
    // BullMQ then hands the interrupted job (the one that was running the step) to another worker.
    await query(`insert into events (id, source, type, data, routed_at)
      values ('pay-e', '/durability', 'payment.captured', '{"orderId": "E-1"}', clock_timestamp())`);
    await dispatchSteps(ctx.services.producer, [{ runId, nodeId: 'payment', status: 'running', attempt: 1 }]);

    await startWorker();
    const run = await settled(runId, 10_000).catch(() => getRun(runId));
    const s = stepsOf(run);
    expect(s.payment, 'the wait never saw the event logged before it registered').toMatchObject({ status: 'succeeded', handle: 'received' });
    expect(s.payment.output).toMatchObject({ id: 'pay-e' });
  });

  it('finishes a log scan a crash cut short even when the job itself was lost', async () => {
    const first = await startWorker();
    await send('restart.order.placed', 'order-f', { orderId: 'F-1' });
    const { id: runId } = await runOf('order-f');
    await stepIs(runId, 'payment', 'waiting');
    await stopWorker(first);

    // As above, but no job carries the step any more: only the unfinished scan marks the gap.
    await query(`insert into events (id, source, type, data, routed_at)
      values ('pay-f', '/durability', 'payment.captured', '{"orderId": "F-1"}', clock_timestamp())`);
    await query(`update waits set scanned_at = null, created_at = created_at - interval '1 minute' where run_id = $1`, [runId]);

    await startWorker();
    const run = await settled(runId, 15_000).catch(() => getRun(runId));
    const s = stepsOf(run);
    expect(s.payment, 'the reconciler did not finish the scan').toMatchObject({ status: 'succeeded', handle: 'received' });
    expect(s.payment.output).toMatchObject({ id: 'pay-f' });
  });
});
