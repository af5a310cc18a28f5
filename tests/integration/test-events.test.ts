import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
});
afterAll(async () => ctx?.close());

const listening = (name: string) => ({
  name,
  nodes: [
    { id: 'placed', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'order.*', filter: 'data.total > 0' } },
    { id: 'echo', type: 'transform', position: { x: 200, y: 0 }, config: { expression: 'event.data.total' } },
  ],
  edges: [{ id: 'e1', source: 'placed', target: 'echo' }],
});

async function activeWorkflow(name: string): Promise<string> {
  const { body } = await callApi('POST', '/api/workflows', { body: listening(name) });
  await callApi('POST', `/api/workflows/${body.id}/activate`);
  return body.id;
}

it('starts only the workflow a test event is addressed to, through its own trigger and filter', async () => {
  const target = await activeWorkflow('Target');
  const bystander = await activeWorkflow('Bystander');
  const sent = await callApi('POST', '/api/events', { body: { type: 'order.placed', source: `/workflows/${target}/test`, data: { total: 7 } } });
  expect(sent.status).toBe(202);
  const run = await waitFor(async () => (await callApi('GET', `/api/runs?workflowId=${target}`)).body.items[0], { what: 'the test run' });
  expect(run.workflowId).toBe(target);
  // An ordinary event afterwards reaches both: once the bystander has its run for it, the test event evidently gave it none.
  await callApi('POST', '/api/events', { body: { type: 'order.placed', data: { total: 1 } } });
  await waitFor(async () => (await callApi('GET', `/api/runs?workflowId=${bystander}`)).body.items.length === 1, { what: 'the bystander run' });
  const { body } = await callApi('GET', `/api/runs?workflowId=${bystander}`);
  expect(body.items).toHaveLength(1);
  expect((await callApi('GET', `/api/runs?eventId=${sent.body.id}&eventSource=/workflows/${target}/test`)).body.items).toHaveLength(1);

  const filtered = await callApi('POST', '/api/events', { body: { type: 'order.placed', source: `/workflows/${target}/test`, data: { total: 0 } } });
  await waitFor(async () => (await ctx.services.database.pool.query('select routed_at from events where seq = $1', [filtered.body.seq])).rows[0].routed_at, { what: 'routing' });
  expect((await callApi('GET', `/api/runs?eventId=${filtered.body.id}&eventSource=/workflows/${target}/test`)).body.items).toHaveLength(0);
});
