/**
 * The demo's logic written as code steps gives the same outputs as the JSONata version: the
 * order saga of lib/demo/workflows.ts runs once as it is and once with every expression (each
 * transform, each templated http body and emitted event) replaced by JavaScript in `code` steps;
 * both runs must log the same follow-up events with the same data.
 */
import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { startMockService } from '@/lib/demo/mock-service';
import { demoWorkflows } from '@/lib/demo/workflows';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

type Node = WorkflowDocument['nodes'][number];

/** The JavaScript for each expression of the demo, by `nodeId.field`: what a user would write in a code step. */
const javascript: Record<string, string> = {
  'reserve.body': 'return { orderId: event.data.orderId, items: event.data.items };',
  'reserved.subject': 'return event.data.orderId;',
  'reserved.data': 'return { orderId: event.data.orderId, reservationId: steps.reserve.body.reservationId };',
  'unavailable.subject': 'return event.data.orderId;',
  'unavailable.data': 'return { orderId: event.data.orderId, reason: steps.reserve.error.message };',
  'charge.body': 'return { orderId: event.data.orderId, amount: event.data.total };',
  'captured.subject': 'return event.data.orderId;',
  'captured.data': 'return { orderId: event.data.orderId, chargeId: steps.charge.body.chargeId };',
  'declined.subject': 'return event.data.orderId;',
  'declined.data': 'return { orderId: event.data.orderId, reason: steps.charge.error.message };',
  'quote.body': 'return { orderId: event.data.orderId };',
  'packing.expression': 'return { orderId: event.data.orderId, parcels: event.data.items.length };',
  'prepared.subject': 'return event.data.orderId;',
  'prepared.data': 'return { orderId: event.data.orderId, carrier: steps.quote.body.carrier, parcels: steps.packing.result.parcels };',
  'fulfilled.subject': 'return event.data.orderId;',
  'fulfilled.data': 'return { orderId: event.data.orderId, chargeId: steps.payment.data.chargeId, carrier: steps.shipping.data.carrier };',
  'cancelled.subject': 'return event.data.orderId;',
  'cancelled.data': 'return { orderId: event.data.orderId, reason: "not all of inventory, payment and shipping confirmed in time" };',
  'refund.body': 'return { orderId: event.data.orderId };',
  'refunded.subject': 'return event.data.orderId;',
  'refunded.data': 'return { orderId: event.data.orderId, refundId: steps.refund.body.refundId };',
};
const used = new Set<string>();

function js(key: string): string {
  const source = javascript[key];
  if (source === undefined) throw new Error(`the demo has an expression at ${key} with no JavaScript version in this test`);
  used.add(key);
  return source;
}

/** One field's JavaScript as a function, so several fields can share one code step. */
const fieldFn = (key: string) => `(() => {\n${js(key)}\n})()`;

/**
 * The code version of a demo workflow: a transform becomes a code step of the same id; a node
 * with templated config fields gets a code step `<id>_js` in front of it computing them, and reads
 * them from `steps.<id>_js.result`.
 */
function codeVersion(doc: WorkflowDocument): WorkflowDocument {
  const nodes: Node[] = [];
  const edges = doc.edges.map((e) => ({ ...e }));
  for (const node of doc.nodes) {
    const config = (node.config ?? {}) as Record<string, unknown>;
    if (node.type === 'transform') {
      nodes.push({ ...node, type: 'code', config: { source: js(`${node.id}.expression`) } });
      continue;
    }
    const templated = Object.keys(config).filter((k) => typeof config[k] === 'string' && (config[k] as string).includes('{{'));
    if (templated.length === 0) {
      nodes.push(node);
      continue;
    }
    const helper = `${node.id}_js`;
    const source = `return {\n${templated.map((k) => `  ${JSON.stringify(k)}: ${fieldFn(`${node.id}.${k}`)},`).join('\n')}\n};`;
    nodes.push({ id: helper, type: 'code', position: node.position, config: { source } });
    nodes.push({ ...node, config: { ...config, ...Object.fromEntries(templated.map((k) => [k, `{{ steps.${helper}.result.${k} }}`])) } });
    for (const e of edges) if (e.target === node.id) e.target = helper;
    edges.push({ id: `${helper}_edge`, source: helper, target: node.id });
  }
  return { ...doc, name: `${doc.name} (code)`, nodes, edges };
}

const orders = [
  { orderId: 'ord-ok', total: 40, sku: 'SKU-1' },
  { orderId: 'ord-oos', total: 40, sku: 'OUT-OF-STOCK' },
  { orderId: 'ord-big', total: 2000, sku: 'SKU-2' },
];

interface Logged { type: string; subject: string; data: unknown }

/** Runs the saga with these documents in a fresh database and answers the follow-up events of each order. */
async function runSaga(version: (docs: WorkflowDocument[]) => WorkflowDocument[]): Promise<{ events: Record<string, Logged[]>; packing: unknown[] }> {
  let ctx: TestContext | undefined;
  const mock = await startMockService();
  try {
    ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
    for (const doc of version(demoWorkflows(mock.url, { waitTimeout: '3s' }))) {
      const created = await callApi('POST', '/api/workflows', { body: doc });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const activated = await callApi('POST', `/api/workflows/${created.body.id}/activate`);
      expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    }
    await ctx.startWorker();
    for (const o of orders) {
      const sent = await callApi('POST', '/api/events', { body: {
        type: 'order.placed', source: '/shop', id: o.orderId, subject: o.orderId,
        data: { orderId: o.orderId, total: o.total, items: [{ sku: o.sku, qty: 1 }, { sku: 'GIFT-WRAP', qty: 1 }] },
      } });
      expect(sent.status).toBe(202);
    }
    const events: Record<string, Logged[]> = {};
    for (const o of orders) {
      events[o.orderId] = await waitFor(async () => {
        const { body } = await callApi('GET', `/api/events?correlationId=${o.orderId}&limit=100`);
        const types = body.items.map((e: Logged) => e.type);
        const done = types.includes('order.fulfilled') || (types.includes('order.cancelled') && types.includes('payment.refunded'));
        return done ? body.items : undefined;
      }, { timeoutMs: 30_000, what: `the saga of ${o.orderId}` });
    }
    // Let straggling runs end, then take each order's events again, now complete.
    await waitFor(async () => {
      const { body } = await callApi('GET', '/api/runs?limit=200');
      return body.items.every((r: { status: string }) => ['succeeded', 'failed', 'cancelled'].includes(r.status));
    }, { timeoutMs: 30_000, what: 'every run to end' });
    for (const o of orders) {
      const { body } = await callApi('GET', `/api/events?correlationId=${o.orderId}&limit=100`);
      // Each run has its own mock service: its address is the one expected difference.
      events[o.orderId] = JSON.parse(JSON.stringify(body.items).replaceAll(mock.url, '<mock>'))
        .map((e: Logged) => ({ type: e.type, subject: e.subject, data: e.data }))
        .sort((a: Logged, b: Logged) => a.type.localeCompare(b.type));
    }
    const packing: unknown[] = [];
    const { body: runs } = await callApi('GET', '/api/runs?limit=200');
    for (const r of runs.items) {
      const { body } = await callApi('GET', `/api/runs/${r.id}`);
      const step = body.steps.find((s: { nodeId: string }) => s.nodeId === 'packing');
      if (step) packing.push(step.output);
    }
    return { events, packing };
  } finally {
    await ctx?.close();
    await mock.stop();
  }
}


describe('the demo as code steps', () => {
  it('emits the same events with the same data as the JSONata version', async () => {
    const expressions = await runSaga((docs) => docs);
    const code = await runSaga((docs) => docs.map(codeVersion));

    expect([...used].sort(), 'every JavaScript version was used by the demo').toEqual(Object.keys(javascript).sort());
    expect(expressions.events['ord-ok'].map((e) => e.type)).toEqual(['inventory.reserved', 'order.fulfilled', 'payment.captured', 'shipping.prepared']);
    expect(expressions.events['ord-oos'].map((e) => e.type)).toContain('inventory.failed');
    expect(expressions.events['ord-big']).toContainEqual({ type: 'payment.failed', subject: 'ord-big', data: { orderId: 'ord-big', reason: 'POST <mock>/payments/charge answered HTTP 402' } });
    expect(code.events).toEqual(expressions.events);

    const parcels = (o: unknown) => (o as { parcels?: number; result?: { parcels: number } }).parcels ?? (o as { result: { parcels: number } }).result.parcels;
    expect(expressions.packing.map(parcels).sort()).toEqual([2, 2, 2]);
    expect(code.packing.map(parcels)).toEqual(expressions.packing.map(parcels));
  }, 120_000);
});
