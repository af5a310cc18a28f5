import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { activate, countRows, createWorkflow, routedRuns, sendEvent, stepOf, transformWorkflow, waitForRun } from './api-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

describe('which version a run uses', () => {
  it('pins the version live when the event was logged, even when routing happens after a newer activation', async () => {
    const id = await createWorkflow(transformWorkflow('Pinned', 'pin.event', '"v1:" & event.data.n'));
    expect(await activate(id)).toBe(1);
    const a = await sendEvent({ type: 'pin.event', id: 'pin-a', data: { n: 'A' } });

    const v2 = await callApi('PUT', `/api/workflows/${id}`, { body: transformWorkflow('Pinned', 'pin.event', '"v2:" & event.data.n') });
    expect(v2.status).toBe(200);
    expect(await activate(id)).toBe(2);
    const b = await sendEvent({ type: 'pin.event', id: 'pin-b', data: { n: 'B' } });

    // no worker has run yet: both events are routed only now, after version 2 went live
    expect(await countRows(ctx, 'runs')).toBe(0);
    await ctx.startWorker();

    const [runA] = await routedRuns(ctx, a.seq);
    const [runB] = await routedRuns(ctx, b.seq);
    expect(runA).toMatchObject({ workflowId: id, version: 1 });
    expect(runB).toMatchObject({ workflowId: id, version: 2 });
    const doneA = await waitForRun(runA.id);
    const doneB = await waitForRun(runB.id);
    expect(doneA.status).toBe('succeeded');
    expect(doneB.status).toBe('succeeded');
    expect(stepOf(doneA, 'shape').output).toBe('v1:A');
    expect(stepOf(doneB, 'shape').output).toBe('v2:B');
    expect(doneA.event).toMatchObject({ id: 'pin-a', seq: a.seq, data: { n: 'A' } });
  });
});

describe('deactivation', () => {
  it('stops events from starting runs, and reactivation starts them again', async () => {
    const id = await createWorkflow(transformWorkflow('Switchable', 'switch.event', 'event.data'));
    await activate(id);
    const on = await sendEvent({ type: 'switch.event', data: 1 });
    const onRuns = await routedRuns(ctx, on.seq);
    expect(onRuns.map((r) => r.workflowId)).toEqual([id]);

    expect((await callApi('POST', `/api/workflows/${id}/deactivate`)).status).toBe(200);
    const off = await sendEvent({ type: 'switch.event', data: 2 });
    expect(await routedRuns(ctx, off.seq)).toEqual([]);

    expect(await activate(id)).toBe(2);
    const again = await sendEvent({ type: 'switch.event', data: 3 });
    const againRuns = await routedRuns(ctx, again.seq);
    expect(againRuns.map((r) => [r.workflowId, r.version])).toEqual([[id, 2]]);
    expect(await countRows(ctx, 'runs', 'workflow_id = $1', [id])).toBe(2);
  });

  it('a deleted workflow starts no runs', async () => {
    const id = await createWorkflow(transformWorkflow('Deleted', 'deleted.event', '1'));
    await activate(id);
    expect((await callApi('DELETE', `/api/workflows/${id}`)).status).toBe(204);
    const e = await sendEvent({ type: 'deleted.event' });
    expect(await routedRuns(ctx, e.seq)).toEqual([]);
  });

  it('an inactive draft never starts runs, whatever it matches', async () => {
    const id = await createWorkflow(transformWorkflow('Draft only', 'draft.event', '1'));
    const e = await sendEvent({ type: 'draft.event' });
    expect(await routedRuns(ctx, e.seq)).toEqual([]);
    expect(await countRows(ctx, 'runs', 'workflow_id = $1', [id])).toBe(0);
  });

  it('a trigger filter decides per event', async () => {
    const id = await createWorkflow(transformWorkflow('Big orders', 'filter.order', 'event.data.total', { filter: 'data.total > 100' }));
    await activate(id);
    const small = await sendEvent({ type: 'filter.order', data: { total: 5 } });
    const big = await sendEvent({ type: 'filter.order', data: { total: 500 } });
    expect(await routedRuns(ctx, small.seq)).toEqual([]);
    const [run] = await routedRuns(ctx, big.seq);
    expect(stepOf(await waitForRun(run.id), 'shape').output).toBe(500);
  });
});
