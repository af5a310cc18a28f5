import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { activate, createActiveWorkflow, createWorkflow, expectError, sendEvent, transformWorkflow } from './api-helpers';
import { query, settled, waitForReplay } from './replay-helpers';

let ctx: TestContext;
let placed: string;
let other: string;
let original: { id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  placed = await createActiveWorkflow(transformWorkflow('Placed', 'order.placed', '{ "v": 1, "id": event.data.orderId }'));
  other = await createActiveWorkflow(transformWorkflow('Refunds', 'refund.issued', '1'));
  await ctx.startWorker();
  await sendEvent({ type: 'order.placed', source: '/shop', id: 'r1', data: { orderId: 'r1' } });
  await settled(ctx);
  [original] = await query(ctx, `select id from runs where workflow_id = $1 and replay_of is null`, [placed]);
  await callApi('PUT', `/api/workflows/${placed}`, { body: transformWorkflow('Placed', 'order.placed', '{ "v": 2, "id": event.data.orderId }') });
  await activate(placed);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

const shapeOutput = async (runId: string) =>
  (await query(ctx, `select output from steps where run_id = $1 and node_id = 'shape'`, [runId]))[0]?.output;

describe('re-sending one event to one workflow', () => {
  it('from an event: a new run on the version it originally ran, marked as a replay of the original', async () => {
    const res = await callApi('POST', '/api/replays/resend', { body: { eventId: 'r1', source: '/shop', workflowId: placed } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.run).toMatchObject({ workflowId: placed, version: 1, originalRunId: original.id });
    expect(res.body.replay).toMatchObject({ kind: 'resend', workflowIds: [placed] });
    const done = await waitForReplay(res.body.replay.id);
    expect(done.progress.runs).toMatchObject({ started: 1, succeeded: 1 });
    const run = (await callApi('GET', `/api/runs/${res.body.run.id}`)).body;
    expect(run).toMatchObject({ status: 'succeeded', replayOf: original.id, replayId: res.body.replay.id, version: 1 });
    expect(await shapeOutput(run.id)).toEqual({ v: 1, id: 'r1' });
  });

  it('from a run, on the latest version', async () => {
    const res = await callApi('POST', '/api/replays/resend', { body: { runId: original.id, version: 'latest' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.run).toMatchObject({ version: 2, originalRunId: original.id });
    await waitForReplay(res.body.replay.id);
    expect(await shapeOutput(res.body.run.id)).toEqual({ v: 2, id: 'r1' });
    // twice is twice: each re-send is its own run
    const again = await callApi('POST', '/api/replays/resend', { body: { runId: original.id } });
    expect(again.status).toBe(201);
    expect(again.body.run.id).not.toBe(res.body.run.id);
    const [count] = await query(ctx, 'select count(*)::int as n from runs where replay_of = $1', [original.id]);
    expect(count.n).toBe(3);
  });

  it('refuses what it cannot do, and stores nothing', async () => {
    const inactive = await createWorkflow(transformWorkflow('Draft only', 'order.placed', '1'));
    const [before] = await query(ctx, 'select (select count(*)::int from runs) as runs, (select count(*)::int from replays) as replays');
    expectError(await callApi('POST', '/api/replays/resend', { body: { eventId: 'nope', workflowId: placed } }), 404, /event not found/);
    expectError(await callApi('POST', '/api/replays/resend', { body: { runId: '00000000-0000-4000-8000-000000000000' } }), 404, /run not found/);
    expectError(await callApi('POST', '/api/replays/resend', { body: { eventId: 'r1', workflowId: '00000000-0000-4000-8000-000000000000' } }), 404, /workflow not found/);
    expectError(await callApi('POST', '/api/replays/resend', { body: { eventId: 'r1' } }), 400, /workflow/);
    expectError(await callApi('POST', '/api/replays/resend', { body: { eventId: 'r1', runId: original.id } }), 400, /either runId/);
    expectError(await callApi('POST', '/api/replays/resend', { body: { eventId: 'r1', workflowId: other } }), 400, /matches no trigger/);
    expectError(await callApi('POST', '/api/replays/resend', { body: { eventId: 'r1', workflowId: inactive, version: 'latest' } }), 400, /no live version/);
    expectError(await callApi('POST', '/api/replays/resend', { body: { eventId: 'r1', workflowId: inactive } }), 400, /not live when the event was logged/);
    const [after] = await query(ctx, 'select (select count(*)::int from runs) as runs, (select count(*)::int from replays) as replays');
    expect(after).toEqual(before);
  });
});
