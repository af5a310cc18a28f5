import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow, sendEvent, transformWorkflow } from './api-helpers';
import { after, before, eventRow, iso, query, settled, startReplay, waitForReplay } from './replay-helpers';

let ctx: TestContext;
let auditor: string;
let listener: string;
let waitsAtOnce: string;
let waitsLater: string;
let from: Date;
let to: Date;

const at = (i: number) => ({ x: i * 200, y: 0 });
/** order.placed (except for order o3) → emit order.audited (subject = the order) */
const emitter = (filter?: string) => ({
  name: 'Audit orders',
  nodes: [
    { id: 'placed', type: 'trigger.event', position: at(0), config: { eventType: 'order.placed', ...(filter ? { filter } : {}) } },
    { id: 'audit', type: 'emit', position: at(1), config: { eventType: 'order.audited', data: '{{ { "orderId": event.data.orderId } }}', subject: '{{ event.data.orderId }}' } },
  ],
  edges: [{ id: 'e1', source: 'placed', target: 'audit' }],
});
/** order.placed → [delay] → wait for order.audited of the same order */
const waiting = (name: string, delay: string | null, timeout: string) => ({
  name,
  nodes: [
    { id: 'placed', type: 'trigger.event', position: at(0), config: { eventType: 'order.placed' } },
    ...(delay ? [{ id: 'pause', type: 'delay', position: at(1), config: { duration: delay } }] : []),
    { id: 'audited', type: 'wait_for_event', position: at(2), config: { eventType: 'order.audited', match: 'event.data.orderId = trigger.data.orderId', timeout } },
  ],
  edges: delay
    ? [{ id: 'e1', source: 'placed', target: 'pause' }, { id: 'e2', source: 'pause', target: 'audited' }]
    : [{ id: 'e1', source: 'placed', target: 'audited' }],
});

beforeAll(async () => {
  ctx = await createTestContext();
  auditor = await createActiveWorkflow(emitter('data.orderId != "o3"'));
  listener = await createActiveWorkflow(transformWorkflow('Count audits', 'order.audited', 'event.data.orderId'));
  await ctx.startWorker();
  const first = await sendEvent({ type: 'order.placed', source: '/shop', id: 'o1', data: { orderId: 'o1' } });
  const second = await sendEvent({ type: 'order.placed', source: '/shop', id: 'o2', data: { orderId: 'o2' } });
  await settled(ctx);
  from = before((await eventRow(ctx, first.seq)).received_at);
  to = after((await eventRow(ctx, second.seq)).received_at);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

const runsOf = (workflowId: string) => query(ctx, 'select * from runs where workflow_id = $1 order by created_at', [workflowId]);
const emittedBy = (replayId: string) => query(ctx, `select * from events where extensions->>'replayid' = $1 order by seq`, [replayId]);

describe('events emitted by replayed runs', () => {
  it('are logged with the replay id, and start no run: no second wave', async () => {
    expect(await runsOf(listener)).toHaveLength(2);
    const replay = await startReplay({ from: iso(from), to: iso(to), type: 'order.placed', workflowIds: [auditor], version: 'pinned' });
    await waitForReplay(replay.id);
    const emitted = await waitFor(async () => {
      const rows = await emittedBy(replay.id);
      return rows.length === 2 && rows.every((r) => r.routed_at !== null) ? rows : undefined;
    }, { what: 'the emitted events to be routed' });
    expect(emitted.map((e) => e.type)).toEqual(['order.audited', 'order.audited']);
    expect(emitted[0].extensions).toMatchObject({ replayid: replay.id, replayasof: expect.any(String) });
    // the listener still has only its two original runs, and no replay started one either
    expect(await runsOf(listener)).toHaveLength(2);
    const api = await callApi('GET', `/api/events/${encodeURIComponent(emitted[0].id)}?source=${encodeURIComponent(emitted[0].source)}`);
    expect(api.body.replayid).toBe(replay.id);
    expect(api.body.runs).toEqual([]);
  });

  it('are never taken by a live run waiting for such an event, at routing or in its scan of the log', async () => {
    // o3 is not audited live (v1 filters it out); two live runs wait for its audit: one at once, one after a delay
    waitsAtOnce = await createActiveWorkflow(waiting('Wait at once', null, '4s'));
    waitsLater = await createActiveWorkflow(waiting('Wait later', '3s', '1s'));
    const live = await sendEvent({ type: 'order.placed', source: '/shop', id: 'o3', data: { orderId: 'o3' } });
    await waitFor(async () => (await eventRow(ctx, live.seq)).routed_at, { what: 'o3 to be routed' });
    // v2 audits every order; a replay of o3 on it emits exactly the event both runs wait for
    expect((await callApi('PUT', `/api/workflows/${auditor}`, { body: emitter() })).status).toBe(200);
    expect((await callApi('POST', `/api/workflows/${auditor}/activate`)).status).toBe(200);
    const row = await eventRow(ctx, live.seq);
    const replay = await startReplay({ from: iso(before(row.received_at)), to: iso(after(row.received_at)), workflowIds: [auditor], version: 'latest' });
    const emitted = await waitFor(async () => (await emittedBy(replay.id)).find((e) => e.routed_at), { what: 'the replay to emit o3\'s audit' });
    expect(emitted.data).toEqual({ orderId: 'o3' });
    const [atOnce] = (await runsOf(waitsAtOnce)).filter((r) => r.event_seq === live.seq);
    const [later] = (await runsOf(waitsLater)).filter((r) => r.event_seq === live.seq);
    // the delayed run registers its wait after the replay's event is in the log: its scan must skip it
    const laterRun = await waitFor(async () => {
      const { body } = await callApi('GET', `/api/runs/${later.id}`);
      return body.status === 'succeeded' ? body : undefined;
    }, { what: 'the delayed wait to end' });
    expect(laterRun.steps.find((s: { nodeId: string }) => s.nodeId === 'audited').handle).toBe('timeout');
    const atOnceRun = await waitFor(async () => {
      const { body } = await callApi('GET', `/api/runs/${atOnce.id}`);
      return body.status === 'succeeded' ? body : undefined;
    }, { what: 'the immediate wait to end' });
    expect(atOnceRun.steps.find((s: { nodeId: string }) => s.nodeId === 'audited').handle).toBe('timeout');
    const [waitRow] = await query(ctx, 'select created_at from waits where run_id = $1', [later.id]);
    const [emittedRow] = await query(ctx, 'select received_at from events where seq = $1', [emitted.seq]);
    expect(new Date(waitRow.created_at).getTime()).toBeGreaterThan(new Date(emittedRow.received_at).getTime());
  });

  it('start runs of the same replay when it asks to cascade', async () => {
    const replay = await startReplay({ from: iso(from), to: iso(to), type: 'order.placed', workflowIds: [auditor, listener], version: 'pinned', cascade: true });
    const done = await waitForReplay(replay.id, (r) => r.status === 'completed' && r.progress.runs.started === 4);
    expect(done.progress.runs).toMatchObject({ started: 4, succeeded: 4 });
    const cascaded = (await runsOf(listener)).filter((r) => r.replay_id === replay.id);
    expect(cascaded).toHaveLength(2);
    const emitted = await emittedBy(replay.id);
    expect(cascaded.map((r) => r.event_seq).sort()).toEqual(emitted.map((e) => e.seq).sort());
    // cascaded runs have no original run: replay_of is the replay
    expect(cascaded.every((r) => r.replay_of === replay.id)).toBe(true);
  });

  it('an outside event that merely carries a replayid attribute is routed like any other', async () => {
    const before = (await runsOf(listener)).length;
    const sent = await sendEvent({ type: 'order.audited', source: '/forged', id: 'f1', data: { orderId: 'f1' } });
    await ctx.services.database.pool.query(`update events set extensions = '{"replayid": "00000000-0000-4000-8000-000000000000"}' where seq = $1 and routed_at is null`, [sent.seq]);
    await settled(ctx);
    expect((await runsOf(listener)).length).toBe(before + 1);
  });
});
