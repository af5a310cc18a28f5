import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import {
  activate, countRows, createActiveWorkflow, createWorkflow, eventCount, expectError, manualWorkflow, routedRuns, stepOf, transformWorkflow, waitForRun,
} from './api-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
});

afterAll(async () => {
  await ctx?.close();
});

describe('POST /api/workflows/{id}/run', () => {
  it('starts a run whose trigger event data is the payload', async () => {
    const id = await createActiveWorkflow(manualWorkflow('Manual', '{ "greeting": "hello " & event.data.name, "count": $count(event.data.items) }'));
    const payload = { name: 'Ada', items: [1, 2, 3], nested: { ok: true } };
    const before = await eventCount(ctx);

    const res = await callApi('POST', `/api/workflows/${id}/run`, { body: payload });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), seq: expect.any(Number), duplicate: false });
    expect(await eventCount(ctx)).toBe(before + 1);

    const runs = await routedRuns(ctx, res.body.seq);
    expect(runs.map((r) => r.workflowId)).toEqual([id]);
    const run = await waitForRun(runs[0].id);
    expect(run.status).toBe('succeeded');
    expect(run.event).toMatchObject({ id: res.body.id, seq: res.body.seq, data: payload });
    expect(stepOf(run, 'go')).toMatchObject({ status: 'succeeded' });
    expect(stepOf(run, 'shape').output).toEqual({ greeting: 'hello Ada', count: 3 });

    // the start is in the log, found by id, and the runs API finds the run through it
    const logged = await callApi('GET', `/api/events/${res.body.id}`);
    expect(logged.status).toBe(200);
    expect(logged.body.data).toEqual(payload);
    expect(logged.body.runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const listed = await callApi('GET', `/api/runs?eventId=${res.body.id}`);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([run.id]);
  });

  it('each start is a new run; an empty body is an empty payload', async () => {
    const id = await createActiveWorkflow(manualWorkflow('Repeatable', 'event.data'));
    const first = await callApi('POST', `/api/workflows/${id}/run`, { body: { n: 1 } });
    const second = await callApi('POST', `/api/workflows/${id}/run`, { raw: '', headers: { 'content-type': 'application/json' } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).not.toBe(first.body.id);
    const [a] = await routedRuns(ctx, first.body.seq);
    const [b] = await routedRuns(ctx, second.body.seq);
    expect(stepOf(await waitForRun(a.id), 'shape').output).toEqual({ n: 1 });
    expect((await waitForRun(b.id)).event.data).toEqual({});
  });

  it('starts only its own workflow, not another manual workflow', async () => {
    const target = await createActiveWorkflow(manualWorkflow('Target', '"target"'));
    const otherManual = await createActiveWorkflow(manualWorkflow('Other manual', '"other"'));
    const res = await callApi('POST', `/api/workflows/${target}/run`, { body: { x: 1 } });
    expect(res.status).toBe(202);
    const runs = await routedRuns(ctx, res.body.seq);
    expect(runs.map((r) => r.workflowId), `other manual: ${otherManual}`).toEqual([target]);
  });

  // lib/runs/route-event.ts: "manual starts ... reach only their own workflow"
  it('is not picked up by event triggers that match every type', async () => {
    const target = await createActiveWorkflow(manualWorkflow('Target 2', '"target"'));
    const catchAll = await createActiveWorkflow(transformWorkflow('Catch-all', '**', '"caught"'));
    const res = await callApi('POST', `/api/workflows/${target}/run`, { body: { x: 1 } });
    expect(res.status).toBe(202);
    const runs = await routedRuns(ctx, res.body.seq);
    // (deactivated first, so the other tests of this file are not affected whatever happens here)
    expect((await callApi('POST', `/api/workflows/${catchAll}/deactivate`)).status).toBe(200);
    expect(runs.map((r) => r.workflowId), `catch-all: ${catchAll}`).toEqual([target]);
    expect(await countRows(ctx, 'runs', 'workflow_id = $1', [catchAll])).toBe(0);
  });

  it('answers 409 when the workflow is inactive, and stores nothing', async () => {
    const id = await createWorkflow(manualWorkflow('Not yet', '1'));
    const before = await eventCount(ctx);
    expectError(await callApi('POST', `/api/workflows/${id}/run`, { body: { a: 1 } }), 409, /activ/, 'conflict');
    await activate(id);
    expect((await callApi('POST', `/api/workflows/${id}/deactivate`)).status).toBe(200);
    expectError(await callApi('POST', `/api/workflows/${id}/run`, { body: { a: 1 } }), 409, /activ/, 'conflict');
    expect(await eventCount(ctx)).toBe(before);
    expect(await countRows(ctx, 'runs', 'workflow_id = $1', [id])).toBe(0);
  });

  it('answers 422 when the workflow has no manual trigger, and stores nothing', async () => {
    const id = await createActiveWorkflow(transformWorkflow('Event only', 'order.placed', '1'));
    const before = await eventCount(ctx);
    expectError(await callApi('POST', `/api/workflows/${id}/run`, { body: { a: 1 } }), 422, /trigger\.manual/, 'unprocessable');
    expect(await eventCount(ctx)).toBe(before);
  });

  it('answers 422 when only the unpublished draft has a manual trigger, and stores nothing', async () => {
    const doc = transformWorkflow('Draft manual', 'order.placed', '1');
    const id = await createActiveWorkflow(doc);
    const draft = { ...doc, nodes: [...doc.nodes, { id: 'go', type: 'trigger.manual', position: { x: 0, y: 200 }, config: {} }], edges: [...doc.edges, { id: 'e2', source: 'go', target: 'shape' }] };
    expect((await callApi('PUT', `/api/workflows/${id}`, { body: draft })).status).toBe(200);
    const before = await eventCount(ctx);
    const res = await callApi('POST', `/api/workflows/${id}/run`, { body: { a: 1 } });
    expectError(res, 422, /trigger\.manual/, 'unprocessable');
    expect(await eventCount(ctx)).toBe(before);
    // once published, the same start works
    await activate(id);
    expect((await callApi('POST', `/api/workflows/${id}/run`, { body: { a: 1 } })).status).toBe(202);
  });

  it('answers 400 for a payload that is not JSON, and stores nothing', async () => {
    const id = await createActiveWorkflow(manualWorkflow('Strict', '1'));
    const before = await eventCount(ctx);
    expectError(await callApi('POST', `/api/workflows/${id}/run`, { raw: '{"a": ', headers: { 'content-type': 'application/json' } }), 400, /JSON/, 'invalid_json');
    expect(await eventCount(ctx)).toBe(before);
  });
});
