/**
 * Computing steps (transform, condition, switch) are evaluated as routing creates the run and
 * written finished with it; steps that act, wait or throw still run the durable way. Events
 * appended one at a time are routed in groups by the routing jobs active at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { appendEvents } from '@/lib/events/append';
import { createActiveWorkflow, routedRuns, sendEvent, stepOf, waitForRun } from './api-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
});

afterAll(async () => {
  await ctx?.close();
});

const at = (i: number) => ({ x: i * 200, y: 0 });

type Step = { id: string; type: string; config: Record<string, unknown> };

/** trigger.event(eventType) -> steps[0] -> steps[1] -> ... */
function chainOf(name: string, eventType: string, ...steps: Step[]) {
  const ids = ['start', ...steps.map((s) => s.id)];
  return {
    name,
    nodes: [{ id: 'start', type: 'trigger.event', position: at(0), config: { eventType } }, ...steps.map((s, i) => ({ ...s, position: at(i + 1) }))],
    edges: ids.slice(1).map((id, i) => ({ id: `e${i + 1}`, source: ids[i], target: id })),
  };
}

describe('computing steps at routing', () => {
  it('writes a run of computing steps finished, in order, with their inputs and outputs, in one transaction', async () => {
    const workflowId = await createActiveWorkflow({
      name: 'Computed',
      nodes: [
        { id: 'start', type: 'trigger.event', position: at(0), config: { eventType: 'computed.order' } },
        { id: 'total', type: 'transform', position: at(1), config: { expression: 'event.data.qty * event.data.price' } },
        { id: 'big', type: 'condition', position: at(2), config: { expression: 'steps.total > 100' } },
        { id: 'vip', type: 'transform', position: at(3), config: { expression: '{ "vip": true, "run": run.id }' } },
        { id: 'plain', type: 'transform', position: at(3), config: { expression: '"plain"' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'total' }, { id: 'e2', source: 'total', target: 'big' },
        { id: 'e3', source: 'big', sourceHandle: 'true', target: 'vip' }, { id: 'e4', source: 'big', sourceHandle: 'false', target: 'plain' },
      ],
    });
    const sent = await sendEvent({ type: 'computed.order', data: { qty: 3, price: 50 } });
    const [started] = await routedRuns(ctx, sent.seq);
    const run = await waitForRun(started.id);
    expect(run).toMatchObject({ workflowId, status: 'succeeded' });
    expect(stepOf(run, 'total')).toMatchObject({ status: 'succeeded', attempt: 1, handle: 'out', output: 150, input: { expression: 'event.data.qty * event.data.price' } });
    expect(stepOf(run, 'big')).toMatchObject({ status: 'succeeded', handle: 'true', output: { result: true } });
    expect(stepOf(run, 'vip')).toMatchObject({ status: 'succeeded', output: { vip: true, run: run.id } });
    expect(stepOf(run, 'plain')).toMatchObject({ status: 'skipped' });
    const time = (nodeId: string, field: 'startedAt' | 'finishedAt') => Date.parse(stepOf(run, nodeId)[field]);
    expect(time('total', 'finishedAt')).toBeLessThanOrEqual(time('big', 'startedAt'));
    expect(time('big', 'finishedAt')).toBeLessThanOrEqual(time('vip', 'startedAt'));
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(time('vip', 'finishedAt'));
    // the run and its steps were inserted by one transaction and never updated (one xmin among them)
    const { rows } = await ctx.services.database.pool.query(
      `select count(distinct x)::int as writers from (select xmin::text as x from runs where id = $1 union all select xmin::text from steps where run_id = $1) w`, [run.id]);
    expect(rows[0].writers).toBe(1);
  });

  it('records a computing step that throws as a failed step with its error, as the durable way does', async () => {
    await createActiveWorkflow(chainOf('Throws', 'computed.throw',
      { id: 'ok', type: 'transform', config: { expression: '1' } },
      { id: 'bad', type: 'transform', config: { expression: '$error("no total")' } }));
    const sent = await sendEvent({ type: 'computed.throw', data: {} });
    const [started] = await routedRuns(ctx, sent.seq);
    const run = await waitForRun(started.id);
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'ok')).toMatchObject({ status: 'succeeded', output: 1 });
    expect(stepOf(run, 'bad')).toMatchObject({ status: 'failed', attempt: 1 });
    expect(stepOf(run, 'bad').error.message).toMatch(/no total/);
  });

  it('hands the first step that acts on the world to the durable way, with the computed outputs before it', async () => {
    await createActiveWorkflow(chainOf('Then emit', 'computed.emit',
      { id: 'shape', type: 'transform', config: { expression: 'event.data.n * 10' } },
      { id: 'tell', type: 'emit', config: { eventType: 'computed.told', data: '{{ steps.shape }}' } },
      { id: 'after', type: 'transform', config: { expression: 'steps.tell.seq' } }));
    const sent = await sendEvent({ type: 'computed.emit', data: { n: 4 } });
    const [started] = await routedRuns(ctx, sent.seq);
    const run = await waitForRun(started.id);
    expect(run.status).toBe('succeeded');
    const told = await callApi('GET', `/api/events?type=computed.told`);
    expect(told.body.items.map((e: { data: unknown }) => e.data)).toEqual([40]);
    expect(stepOf(run, 'after').output).toBe(stepOf(run, 'tell').output.seq);
  });

  it('routes events appended one at a time, many at once, to exactly one run each', async () => {
    const workflowId = await createActiveWorkflow(chainOf('One at a time', 'computed.single',
      { id: 'n', type: 'transform', config: { expression: 'event.data.n' } }));
    const append = { db: ctx.services.database.db, producer: ctx.services.producer };
    const results = await Promise.all(Array.from({ length: 200 }, (_, n) => appendEvents(append, [{ id: `single-${n}`, source: '/test', type: 'computed.single', data: { n } }])));
    const seqs = results.map(([r]) => r.seq);
    for (const seq of seqs) await routedRuns(ctx, seq);
    const { rows } = await ctx.services.database.pool.query(
      `select count(*)::int as runs, count(distinct r.event_seq)::int as events, bool_and(s.output = e.data->'n') as outputs_match
       from runs r join steps s on s.run_id = r.id and s.node_id = 'n' join events e on e.seq = r.event_seq
       where r.workflow_id = $1 and r.status = 'succeeded'`, [workflowId]);
    expect(rows[0]).toEqual({ runs: 200, events: 200, outputs_match: true });
  });
});
