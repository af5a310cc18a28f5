import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { countRows, createActiveWorkflow, transformWorkflow } from './api-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const N = 50;

async function sendConcurrently(init: () => Parameters<typeof callApi>[2]) {
  return Promise.all(Array.from({ length: N }, () => callApi('POST', '/api/events', init())));
}

function expectOneNewAndDuplicates(answers: { status: number; body: any }[], id: string) {
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s === 202), JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(N - 1);
  const seqs = new Set(answers.map((a) => a.body.seq));
  expect(seqs.size).toBe(1);
  const [seq] = seqs;
  expect(seq).toEqual(expect.any(Number));
  expect(seq).toBeGreaterThan(0);
  for (const a of answers) {
    expect(a.body).toEqual({ id, seq, duplicate: a.status === 200 });
  }
  return seq as number;
}

describe('the same event sent 50 times at once', () => {
  it('is stored once; every answer has the one seq; one 202 and 49 200s', async () => {
    const answers = await sendConcurrently(() => ({ body: { id: 'same-1', source: '/race', type: 'race.started', data: { n: 1 } } }));
    expectOneNewAndDuplicates(answers, 'same-1');
    expect(await countRows(ctx, 'events', 'source = $1 and id = $2', ['/race', 'same-1'])).toBe(1);
  });

  it('likewise in structured and binary mode', async () => {
    const structured = await sendConcurrently(() => ({
      raw: JSON.stringify({ specversion: '1.0', id: 'same-2', source: '/race', type: 'race.started' }),
      headers: { 'content-type': 'application/cloudevents+json' },
    }));
    expectOneNewAndDuplicates(structured, 'same-2');
    const binary = await sendConcurrently(() => ({
      raw: '{"n":3}',
      headers: { 'content-type': 'application/json', 'ce-specversion': '1.0', 'ce-id': 'same-3', 'ce-source': '/race', 'ce-type': 'race.started' },
    }));
    expectOneNewAndDuplicates(binary, 'same-3');
    expect(await countRows(ctx, 'events', 'source = $1 and id in ($2, $3)', ['/race', 'same-2', 'same-3'])).toBe(2);
  });

  it('starts exactly one run per matching workflow', async () => {
    const first = await createActiveWorkflow(transformWorkflow('Race A', 'payment.*', '{ "a": event.data.amount }'));
    const second = await createActiveWorkflow(transformWorkflow('Race B', 'payment.**', '{ "b": event.data.amount * 2 }'));
    const unrelated = await createActiveWorkflow(transformWorkflow('Race C', 'refund.*', '"never"'));
    await ctx.startWorker();

    const answers = await sendConcurrently(() => ({ body: { id: 'pay-1', source: '/race', type: 'payment.captured', data: { amount: 21 } } }));
    const seq = expectOneNewAndDuplicates(answers, 'pay-1');

    const runs = await waitFor(async () => {
      const { body } = await callApi('GET', '/api/runs?eventId=pay-1&eventSource=/race');
      return body.items.length === 2 && body.items.every((r: { status: string }) => r.status === 'succeeded') ? body.items : undefined;
    }, { what: 'both runs to succeed' });
    expect(runs.map((r: { workflowId: string }) => r.workflowId).sort()).toEqual([first, second].sort());

    // routing is finished (the event is marked routed), so no further run can still appear
    await waitFor(async () => {
      const { rows } = await ctx.services.database.pool.query('select routed_at from events where seq = $1', [seq]);
      return rows[0].routed_at !== null;
    });
    const { rows } = await ctx.services.database.pool.query(
      'select workflow_id, count(*)::int as n from runs where event_seq = $1 group by workflow_id', [seq]);
    expect(Object.fromEntries(rows.map((r) => [r.workflow_id, r.n]))).toEqual({ [first]: 1, [second]: 1 });
    expect(await countRows(ctx, 'runs', 'workflow_id = $1', [unrelated])).toBe(0);

    const outputs = await Promise.all(runs.map(async (r: { id: string; workflowId: string }) => {
      const { body } = await callApi('GET', `/api/runs/${r.id}`);
      return [r.workflowId, body.steps.find((s: { nodeId: string }) => s.nodeId === 'shape').output];
    }));
    expect(Object.fromEntries(outputs)).toEqual({ [first]: { a: 21 }, [second]: { b: 42 } });

    // a late duplicate after routing starts nothing either
    const late = await callApi('POST', '/api/events', { body: { id: 'pay-1', source: '/race', type: 'payment.captured', data: { amount: 21 } } });
    expect(late.status).toBe(200);
    expect(late.body.seq).toBe(seq);
    // a fresh event is routed afterwards; by then the duplicate would have been routed too if it had been enqueued
    const probe = await callApi('POST', '/api/events', { body: { id: 'pay-2', source: '/race', type: 'payment.captured', data: { amount: 1 } } });
    expect(probe.status).toBe(202);
    await waitFor(async () => (await countRows(ctx, 'runs', 'event_seq = $1', [probe.body.seq])) === 2, { what: 'the probe event runs' });
    expect(await countRows(ctx, 'runs', 'event_seq = $1', [seq])).toBe(2);
  });
});
