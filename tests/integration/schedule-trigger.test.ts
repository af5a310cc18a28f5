import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  // Two workers compete for the same scheduler's ticks.
  await ctx.startWorker();
  await ctx.startWorker();
});

afterAll(async () => ctx?.close());

const scheduled = {
  name: 'Every second',
  nodes: [
    { id: 'tick', type: 'trigger.schedule', position: { x: 0, y: 0 }, config: { cron: '* * * * * *' } },
    { id: 'stamp', type: 'transform', position: { x: 200, y: 0 }, config: { expression: 'event.data.scheduledAt' } },
  ],
  edges: [{ id: 'e1', source: 'tick', target: 'stamp' }],
};

async function ticks(workflowId: string) {
  const { body } = await callApi('GET', `/api/events?source=${encodeURIComponent(`/schedules/${workflowId}/tick`)}&limit=500`);
  return body.items as { id: string; type: string; data: { scheduledAt: string } }[];
}

describe('trigger.schedule', () => {
  it('logs each tick once as an event and starts one run per tick, however many workers run', async () => {
    const { body: wf } = await callApi('POST', '/api/workflows', { body: scheduled });
    expect((await callApi('POST', `/api/workflows/${wf.id}/activate`)).status).toBe(200);

    const logged = await waitFor(async () => { const t = await ticks(wf.id); return t.length >= 3 && t; }, { timeoutMs: 15_000, what: 'three ticks' });
    expect(logged.every((t) => t.type === 'causeway.schedule.tick')).toBe(true);
    const scheduledTimes = logged.map((t) => t.data.scheduledAt);
    expect(new Set(scheduledTimes).size).toBe(scheduledTimes.length);

    expect((await callApi('POST', `/api/workflows/${wf.id}/deactivate`)).status).toBe(200);
    const settled = await waitFor(async () => {
      const { body } = await callApi('GET', `/api/runs?workflowId=${wf.id}&limit=500`);
      return body.items.every((r: { status: string }) => r.status === 'succeeded') && body.items;
    }, { what: 'runs to finish' });
    const after = await ticks(wf.id);
    expect(settled).toHaveLength(after.length);

    // Deactivated: no further ticks are logged.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await ticks(wf.id)).length).toBe(after.length);
  });

  it('refuses an invalid cron expression when activating', async () => {
    const { body: wf } = await callApi('POST', '/api/workflows', { body: { ...scheduled, nodes: [{ ...scheduled.nodes[0], config: { cron: 'every minute' } }, scheduled.nodes[1]] } });
    const activated = await callApi('POST', `/api/workflows/${wf.id}/activate`);
    expect(activated.status).toBe(422);
    expect(activated.body.error.details.problems[0]).toMatchObject({ nodeId: 'tick' });
  });
});
