import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockService } from '@/lib/demo/mock-service';
import { demoWorkflows } from '@/lib/demo/workflows';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

let ctx: TestContext;
let mock: Awaited<ReturnType<typeof startMockService>>;
const workflowIds = new Map<string, string>();

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  mock = await startMockService();
  for (const doc of demoWorkflows(mock.url, { waitTimeout: '3s' })) {
    const created = await callApi('POST', '/api/workflows', { body: doc });
    expect(created.status).toBe(201);
    const activated = await callApi('POST', `/api/workflows/${created.body.id}/activate`);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    workflowIds.set(doc.name, created.body.id);
  }
  await ctx.startWorker();
});

afterAll(async () => {
  await ctx?.close();
  await mock?.stop();
});

const order = (orderId: string, total: number, sku: string) => ({
  type: 'order.placed', source: '/shop', id: orderId, subject: orderId,
  data: { orderId, total, items: [{ sku, qty: 1 }] },
});

async function outcomeOf(orderId: string): Promise<string> {
  return waitFor(async () => {
    const { body } = await callApi('GET', `/api/events?type=order.*&subject=${orderId}`);
    return body.items.find((e: { type: string }) => e.type === 'order.fulfilled' || e.type === 'order.cancelled')?.type;
  }, { timeoutMs: 20_000, what: `the outcome of ${orderId}` });
}

describe('the order saga of the demo', () => {
  it('fulfils an order: three workflows react in parallel and the fulfilment waits for their events', async () => {
    const sent = await callApi('POST', '/api/events', { body: order('ord-ok', 40, 'SKU-1') });
    expect(sent.status).toBe(202);
    expect(await outcomeOf('ord-ok')).toBe('order.fulfilled');

    const runs = await callApi('GET', '/api/runs?eventId=ord-ok&eventSource=/shop');
    expect(runs.status).toBe(200);
    expect(runs.body.items).toHaveLength(4);
    await waitFor(async () => {
      const { body } = await callApi('GET', '/api/runs?eventId=ord-ok&eventSource=/shop');
      return body.items.every((r: { status: string }) => r.status === 'succeeded');
    }, { what: 'all four runs to succeed' });

    const chain = await callApi('GET', '/api/events?correlationId=ord-ok');
    const types = chain.body.items.map((e: { type: string }) => e.type).sort();
    expect(types).toEqual(['inventory.reserved', 'order.fulfilled', 'payment.captured', 'shipping.prepared']);

    const fulfilmentRun = runs.body.items.find((r: { workflowId: string }) => r.workflowId === workflowIds.get('Fulfil order'));
    const detail = await callApi('GET', `/api/runs/${fulfilmentRun.id}`);
    const byNode = Object.fromEntries(detail.body.steps.map((s: { nodeId: string }) => [s.nodeId, s]));
    expect(byNode.inventory.status).toBe('succeeded');
    expect(byNode.inventory.handle).toBe('received');
    expect(byNode.cancelled.status).toBe('skipped');
    expect(byNode.fulfilled.output).toMatchObject({ id: expect.any(String), seq: expect.any(Number) });
  });

  it('cancels an order whose stock is missing after the wait times out, and refunds it', async () => {
    await callApi('POST', '/api/events', { body: order('ord-oos', 40, 'OUT-OF-STOCK') });
    expect(await outcomeOf('ord-oos')).toBe('order.cancelled');
    const refunded = await waitFor(async () => {
      const { body } = await callApi('GET', '/api/events?type=payment.refunded&subject=ord-oos');
      return body.items[0];
    }, { what: 'the refund' });
    expect(refunded.data).toMatchObject({ orderId: 'ord-oos', refundId: 'rf-ord-oos' });

    const inventory = await callApi('GET', '/api/events?type=inventory.failed&subject=ord-oos');
    expect(inventory.body.items[0].data.reason).toMatch(/409/);
  });

  it('counts the runs each listed event started', async () => {
    const { body } = await callApi('GET', '/api/events?source=/shop');
    const placed = body.items.find((e: { id: string }) => e.id === 'ord-ok');
    expect(placed.runCount).toBe(4);
    const { body: chain } = await callApi('GET', '/api/events?type=order.fulfilled&subject=ord-ok');
    expect(chain.items[0].runCount).toBe(0);
  });

  it('links an event to the runs it started and the events they caused', async () => {
    const { body } = await callApi('GET', '/api/events/ord-ok?source=/shop');
    expect(body.runs).toHaveLength(4);
    expect(body.caused.map((e: { type: string }) => e.type).sort()).toEqual(
      ['inventory.reserved', 'order.fulfilled', 'payment.captured', 'shipping.prepared']);
  });
});
