import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { activate, createActiveWorkflow, createWorkflow, expectError, sendEvent, transformWorkflow } from './api-helpers';
import { after, before, eventRow, iso, query, settled, startReplay, waitForReplay } from './replay-helpers';

let ctx: TestContext;
let placed: string;
let bigOrders: string;
let payments: string;
const seqs: Record<string, number> = {};
let from: Date;
let to: Date;

const order = (id: string, total: number) => ({ type: 'order.placed', source: '/shop', id, subject: id, data: { orderId: id, total } });

beforeAll(async () => {
  ctx = await createTestContext();
  placed = await createActiveWorkflow(transformWorkflow('Placed', 'order.placed', '{ "v": 1, "order": event.data.orderId }'));
  bigOrders = await createActiveWorkflow(transformWorkflow('Big orders', 'order.*', '{ "big": event.data.orderId }', { filter: 'data.total > 10' }));
  payments = await createActiveWorkflow(transformWorkflow('Payments', 'payment.captured', 'event.data'));
  await ctx.startWorker();

  seqs.early = (await sendEvent(order('early', 50))).seq;
  await settled(ctx);
  seqs.a = (await sendEvent(order('a', 50))).seq;
  seqs.b = (await sendEvent(order('b', 5))).seq;
  seqs.pay = (await sendEvent({ type: 'payment.captured', source: '/pay', id: 'p1', data: { orderId: 'a' } })).seq;
  seqs.c = (await sendEvent(order('c', 20))).seq;
  await settled(ctx);
  seqs.late = (await sendEvent(order('late', 50))).seq;
  await settled(ctx);
  const [early, a, c, late] = await Promise.all([seqs.early, seqs.a, seqs.c, seqs.late].map((s) => eventRow(ctx, s)));
  from = after(early.received_at);
  to = after(c.received_at);
  expect(from.getTime()).toBeLessThanOrEqual(a.received_at.getTime());
  expect(late.received_at.getTime()).toBeGreaterThan(to.getTime());
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

const replayRuns = (replayId: string) => query(ctx, 'select r.*, e.id as event_id from runs r join events e on e.seq = r.event_seq where replay_id = $1 order by event_seq, workflow_id', [replayId]);
const stored = async () => (await query(ctx, 'select (select count(*)::int from replays) as replays, (select count(*)::int from runs) as runs'))[0];

describe('POST /api/replays', () => {
  it('counts first: a dry run answers how many events and runs it will cause and stores nothing', async () => {
    const before = await stored();
    const res = await callApi('POST', '/api/replays', { body: { from: iso(from), to: iso(to), type: 'order.*', version: 'pinned', dryRun: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // a, b, c are orders in the range; a and c are big: 3 runs of Placed + 2 of Big orders
    expect(res.body).toMatchObject({ dryRun: true, events: 3, runs: 5, approximate: false });
    expect(res.body.workflows).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: placed, runs: 3 }), expect.objectContaining({ id: bigOrders, runs: 2 })]));
    const latest = await callApi('POST', '/api/replays', { body: { from: iso(from), to: iso(to), version: 'latest', dryRun: true } });
    expect(latest.body).toMatchObject({ events: 4, runs: 6 });
    expect(await stored()).toEqual(before);
  });

  it('starts exactly one new run per (event, matching workflow) in the range and filter, marked and linked to the original', async () => {
    const replay = await startReplay({ from: iso(from), to: iso(to), type: 'order.*', version: 'pinned' });
    expect(replay).toMatchObject({ kind: 'replay', status: 'running', version: 'pinned', estimate: { events: 3, runs: 5 } });
    const done = await waitForReplay(replay.id);
    expect(done.progress).toMatchObject({ events: { done: 3, total: 3 }, runs: { started: 5, finished: 5, succeeded: 5, failed: 0, inFlight: 0 } });

    const runs = await replayRuns(replay.id);
    const pairs = runs.map((r) => `${r.event_id}/${r.workflow_id === placed ? 'placed' : r.workflow_id === bigOrders ? 'big' : 'other'}`);
    expect(pairs.sort()).toEqual(['a/big', 'a/placed', 'b/placed', 'c/big', 'c/placed']);
    for (const run of runs) {
      const [original] = await query(ctx, 'select id from runs where event_seq = $1 and workflow_id = $2 and replay_of is null', [run.event_seq, run.workflow_id]);
      expect(run.replay_of).toBe(original.id);
      expect(run.status).toBe('succeeded');
      const api = await callApi('GET', `/api/runs/${run.id}`);
      expect(api.body).toMatchObject({ replayOf: original.id, replayId: replay.id, event: { seq: run.event_seq } });
    }
    // live routing was not touched: still one original run per (event, workflow)
    const [dupes] = await query(ctx, 'select count(*)::int as n from (select event_seq, workflow_id from runs where replay_of is null group by 1, 2 having count(*) > 1) d');
    expect(dupes.n).toBe(0);
  });

  it('runs the version each event originally ran on (pinned) or the one live now (latest)', async () => {
    const doc = transformWorkflow('Placed', 'order.placed', '{ "v": 2, "order": event.data.orderId }');
    expect((await callApi('PUT', `/api/workflows/${placed}`, { body: doc })).status).toBe(200);
    expect(await activate(placed)).toBe(2);

    const pinned = await startReplay({ from: iso(from), to: iso(to), workflowIds: [placed], version: 'pinned' });
    const latest = await startReplay({ from: iso(from), to: iso(to), workflowIds: [placed], version: 'latest' });
    await Promise.all([waitForReplay(pinned.id), waitForReplay(latest.id)]);
    for (const [replay, version] of [[pinned, 1], [latest, 2]] as const) {
      const runs = await replayRuns(replay.id);
      expect(runs).toHaveLength(3);
      expect(runs.every((r) => r.workflow_id === placed && r.version === version)).toBe(true);
      const outputs = await query(ctx, `select s.output from steps s join runs r on r.id = s.run_id where r.replay_id = $1 and s.node_id = 'shape' order by r.event_seq`, [replay.id]);
      expect(outputs.map((o) => o.output)).toEqual(['a', 'b', 'c'].map((id) => ({ v: version, order: id })));
    }
  });

  it('replays a range into a workflow created after it (latest: there are no original runs)', async () => {
    const fresh = await createActiveWorkflow(transformWorkflow('Fresh', 'payment.*', '"seen"'));
    const replay = await startReplay({ from: iso(from), to: iso(to), workflowIds: [fresh], version: 'latest' });
    await waitForReplay(replay.id);
    const runs = await replayRuns(replay.id);
    expect(runs.map((r) => r.event_seq)).toEqual([seqs.pay]);
    // no original: replay_of holds the replay's id, and the API shows no replayOf
    expect(runs[0].replay_of).toBe(replay.id);
    const api = await callApi('GET', `/api/runs/${runs[0].id}`);
    expect(api.body.replayOf).toBeUndefined();
    expect(api.body.replayId).toBe(replay.id);
    const pinned = await callApi('POST', '/api/replays', { body: { from: iso(from), to: iso(to), workflowIds: [fresh], version: 'pinned', dryRun: true } });
    expect(pinned.body).toMatchObject({ runs: 0 });
  });

  it('refuses bad requests with 400/404/422 and stores nothing', async () => {
    const inactive = await createWorkflow(transformWorkflow('Never live', 'order.placed', '1'));
    const broken = await createWorkflow({ name: 'Broken draft', nodes: [{ id: 'x', type: 'transform', position: { x: 0, y: 0 }, config: {} }], edges: [] });
    const before = await stored();
    const base = { from: iso(from), to: iso(to), version: 'pinned' };
    expectError(await callApi('POST', '/api/replays', { body: { ...base, from: iso(to), to: iso(from) } }), 400, /"from" must be before "to"/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, from: 'yesterday' } }), 400, /from/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, from: iso(new Date(Date.now() + 3_600_000)), to: iso(new Date(Date.now() + 7_200_000)) } }), 400, /future/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, type: 'order..placed' } }), 400, /type/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, version: 'newest' } }), 400, /version/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, workflows: [placed] } }), 400, /workflows/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, workflowIds: [] } }), 400, /at least one workflow/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, workflowIds: ['00000000-0000-4000-8000-000000000000'] } }), 404, /00000000-0000-4000-8000-000000000000 not found/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, workflowIds: [inactive], version: 'latest' } }), 400, /no live version/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, version: 'draft' } }), 400, /needs workflowIds/);
    expectError(await callApi('POST', '/api/replays', { body: { ...base, version: 'draft', workflowIds: [broken] } }), 422, /problem/);
    expectError(await callApi('POST', '/api/replays', { raw: 'not json', headers: { 'content-type': 'application/json' } }), 400);
    expect(await stored()).toEqual(before);
  });

  it('lists replays, answers 404 for an unknown one and 409 for controlling a finished one', async () => {
    const list = await callApi('GET', '/api/replays?limit=2');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await callApi('GET', `/api/replays?limit=2&cursor=${list.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(list.body.items[1].id);
    expectError(await callApi('GET', '/api/replays/00000000-0000-4000-8000-000000000000'), 404);
    expectError(await callApi('GET', '/api/replays/nope'), 404);
    expectError(await callApi('POST', `/api/replays/${list.body.items[0].id}/pause`), 409, /completed replay cannot be paused/);
    expectError(await callApi('POST', `/api/replays/${list.body.items[0].id}/cancel`), 409);
    const runs = await callApi('GET', `/api/replays/${list.body.items[0].id}/runs`);
    expect(runs.status).toBe(200);
    expect(runs.body.items.length).toBeGreaterThan(0);
    expect(runs.body.items[0]).toMatchObject({ event: { seq: expect.any(Number), id: expect.any(String) } });
  });
});
