import { describe, expect, it } from 'vitest';
import {
  getNodeDefinition,
  NodeError,
  nodeRegistry,
  outputHandles,
  triggerMatches,
  waitMatches,
  type NodeContext,
  type NodeOutcome,
} from '../../../lib/engine/nodes';
import { context, fakePorts } from './fake-ports';

function run(ctx: NodeContext): Promise<NodeOutcome> {
  const def = getNodeDefinition(ctx.node.type);
  if (!def?.run) throw new Error(`no run for ${ctx.node.type}`);
  return def.run(ctx);
}

async function failure(p: Promise<unknown>): Promise<NodeError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NodeError);
  return err as NodeError;
}

describe('transform, condition, switch', () => {
  const { ports } = fakePorts();

  it('transform outputs the expression value', async () => {
    const out = await run(context({ type: 'transform', config: { expression: '{ "id": event.data.id, "double": event.data.total * 2 }' } }, ports));
    expect(out).toEqual({ kind: 'done', output: { id: 'o-1', double: 60 } });
  });

  it('transform fails for good on an expression error', async () => {
    const err = await failure(run(context({ type: 'transform', config: { expression: '"a" - 1' } }, ports)));
    expect(err.retriable).toBe(false);
    expect(err.message).toMatch(/config\.expression/);
  });

  it('condition takes true or false by truthiness', async () => {
    expect(await run(context({ type: 'condition', config: { expression: 'event.data.total > 20' } }, ports))).toEqual({
      kind: 'done', output: { result: true }, handle: 'true',
    });
    expect(await run(context({ type: 'condition', config: { expression: 'event.data.missing' } }, ports))).toEqual({
      kind: 'done', output: { result: false }, handle: 'false',
    });
  });

  it('switch takes the first truthy case, else default', async () => {
    const cases = [
      { id: 'small', expression: 'event.data.total < 10' },
      { id: 'gift', expression: 'event.data.kind = "gift"' },
      { id: 'also', expression: 'true' },
    ];
    expect(await run(context({ type: 'switch', config: { cases } }, ports))).toEqual({ kind: 'done', output: { case: 'gift' }, handle: 'gift' });
    expect(await run(context({ type: 'switch', config: { cases: cases.slice(0, 1) } }, ports))).toMatchObject({ handle: 'default' });
  });

  it('lists handles by config, with error for onError branch', () => {
    const sw = { type: 'switch', config: { cases: [{ id: 'a', expression: '1' }, { id: 'b', expression: '2' }] } };
    expect(outputHandles(sw)).toEqual(['a', 'b', 'default']);
    expect(outputHandles({ type: 'condition', config: {} })).toEqual(['true', 'false']);
    expect(outputHandles({ type: 'wait_for_event', config: {} })).toEqual(['received', 'timeout']);
    expect(outputHandles({ type: 'fail', config: {}, onError: 'branch' })).toEqual([]);
    expect(outputHandles({ type: 'http', config: {} })).toEqual(['out']);
    expect(outputHandles({ type: 'http', config: {}, onError: 'branch' })).toEqual(['out', 'error']);
    expect(outputHandles({ type: 'http', config: { onError: 'branch' } })).toEqual(['out', 'error']);
    expect(outputHandles({ type: 'trigger.event', config: {}, onError: 'branch' })).toEqual(['out']);
  });
});

describe('delay', () => {
  it('sleeps for a duration, then finishes when the timer resumes it', async () => {
    const f = fakePorts();
    const first = await run(context({ type: 'delay', config: { duration: '5m' } }, f.ports));
    expect(first).toEqual({ kind: 'sleep', until: new Date('2030-01-01T00:05:00.000Z') });
    f.advance(300_000);
    const second = await run(context({ type: 'delay', config: { duration: '5m' } }, f.ports, { resume: { kind: 'timer' } }));
    expect(second).toEqual({ kind: 'done', output: { waitedUntil: '2030-01-01T00:05:00.000Z' } });
  });

  it('sleeps until the moment an expression gives, or goes on at once when it is past', async () => {
    const f = fakePorts();
    expect(await run(context({ type: 'delay', config: { until: '"2030-01-02T00:00:00Z"' } }, f.ports))).toEqual({
      kind: 'sleep', until: new Date('2030-01-02T00:00:00Z'),
    });
    expect(await run(context({ type: 'delay', config: { until: '$toMillis("2029-12-31T00:00:00Z")' } }, f.ports))).toEqual({
      kind: 'done', output: { waitedUntil: '2029-12-31T00:00:00.000Z' },
    });
    const err = await failure(run(context({ type: 'delay', config: { until: '"tomorrow"' } }, f.ports)));
    expect(err.retriable).toBe(false);
  });

  it('renders a templated duration', async () => {
    const f = fakePorts();
    const ctx = context({ type: 'delay', config: { duration: '{{ event.data.total }}s' } }, f.ports);
    expect(await run(ctx)).toEqual({ kind: 'sleep', until: new Date('2030-01-01T00:00:30.000Z') });
  });
});

describe('wait_for_event', () => {
  const config = { eventType: 'payment.*', match: 'event.data.orderId = trigger.data.id', timeout: '1h' };

  it('asks to wait, handing on the match expression and the timeout moment', async () => {
    const f = fakePorts();
    expect(await run(context({ type: 'wait_for_event', config }, f.ports))).toEqual({
      kind: 'wait', eventType: 'payment.*', match: config.match, timeoutAt: new Date('2030-01-01T01:00:00.000Z'),
    });
    expect(await run(context({ type: 'wait_for_event', config: { eventType: 'x.y' } }, f.ports))).toEqual({
      kind: 'wait', eventType: 'x.y', timeoutAt: null,
    });
  });

  it('lets the worker test a candidate against match over event, trigger and steps', async () => {
    const scope = { event: { data: { orderId: 'o-1' } }, trigger: { data: { id: 'o-1' } }, steps: {} };
    expect(await waitMatches(config.match, scope)).toBe(true);
    expect(await waitMatches(config.match, { ...scope, trigger: { data: { id: 'o-2' } } })).toBe(false);
    expect(await waitMatches(undefined, scope)).toBe(true);
    expect(await waitMatches('event.data.', scope)).toBe(false);
  });

  it('finishes by received with the event, or by timeout with null', async () => {
    const f = fakePorts();
    const event = { type: 'payment.captured', data: { orderId: 'o-1' } };
    expect(await run(context({ type: 'wait_for_event', config }, f.ports, { resume: { kind: 'event', event } }))).toEqual({
      kind: 'done', output: event, handle: 'received',
    });
    expect(await run(context({ type: 'wait_for_event', config }, f.ports, { resume: { kind: 'timeout' } }))).toEqual({
      kind: 'done', output: null, handle: 'timeout',
    });
  });
});

describe('emit', () => {
  it('renders type, data and subject and emits through the port', async () => {
    const f = fakePorts();
    const ctx = context(
      { type: 'emit', config: { eventType: 'order.{{ event.data.kind }}', data: { orderId: '{{ event.data.id }}', total: '{{ event.data.total }}' }, subject: 'order/{{ event.data.id }}' } },
      f.ports,
    );
    expect(await run(ctx)).toEqual({ kind: 'done', output: { id: 'ev-1', seq: 101 } });
    expect(f.emitted).toEqual([{ type: 'order.gift', data: { orderId: 'o-1', total: 30 }, subject: 'order/o-1' }]);
  });

  it('refuses a rendered type that is not a concrete type', async () => {
    const f = fakePorts();
    const err = await failure(run(context({ type: 'emit', config: { eventType: '{{ "order.*" }}' } }, f.ports)));
    expect(err.retriable).toBe(false);
    expect(f.emitted).toEqual([]);
  });
});

describe('http', () => {
  const config = { method: 'POST', url: 'https://shop.test/orders/{{ event.data.id }}', headers: { 'X-Total': '{{ event.data.total }}' }, body: { sku: '{{ steps.reserve.sku }}' } };
  const answer = (status: number, headers: Record<string, string> = {}) => fakePorts({ http: () => ({ status, headers, body: { status } }) });

  it('sends the rendered request with the idempotency key and outputs the response', async () => {
    const f = answer(201);
    expect(await run(context({ type: 'http', config }, f.ports))).toEqual({
      kind: 'done', output: { status: 201, headers: {}, body: { status: 201 } },
    });
    expect(f.httpCalls).toEqual([{
      method: 'POST', url: 'https://shop.test/orders/o-1',
      headers: { 'X-Total': '30', 'Idempotency-Key': 'run-1:step' },
      body: { sku: 'a-1' }, timeoutMs: 10_000, idempotencyKey: 'run-1:step',
    }]);
  });

  it.each([500, 503, 429])('HTTP %d is a retriable failure', async (status) => {
    const err = await failure(run(context({ type: 'http', config }, answer(status, { 'Retry-After': '7' }).ports)));
    expect(err.retriable).toBe(true);
    expect(err.message).toContain(String(status));
    expect(err.retryAfterMs).toBe(7000);
  });

  it.each([400, 404, 422])('HTTP %d fails for good', async (status) => {
    const err = await failure(run(context({ type: 'http', config }, answer(status).ports)));
    expect(err.retriable).toBe(false);
    expect(err.message).toContain(String(status));
  });

  it('makes a thrown network error retriable, but passes a NodeError on', async () => {
    const down = fakePorts({ http: () => { throw new Error('ECONNREFUSED'); } });
    expect((await failure(run(context({ type: 'http', config }, down.ports)))).retriable).toBe(true);
    const refused = fakePorts({ http: () => { throw new NodeError('private address refused', { code: 'blocked' }); } });
    const err = await failure(run(context({ type: 'http', config }, refused.ports)));
    expect(err).toMatchObject({ retriable: false, code: 'blocked' });
  });

  it('refuses a config that does not fit before calling anything', async () => {
    const f = answer(200);
    const err = await failure(run(context({ type: 'http', config: { method: 'POST', url: 'ftp://x', timeoutMs: 999_999 } }, f.ports)));
    expect(err.retriable).toBe(false);
    expect(err.message).toMatch(/config\.url/);
    expect(err.message).toMatch(/config\.timeoutMs/);
    expect(f.httpCalls).toEqual([]);
  });
});

describe('fail and code', () => {
  it('fail throws its rendered message, not retriable', async () => {
    const err = await failure(run(context({ type: 'fail', config: { message: 'order {{ event.data.id }} rejected' } }, fakePorts().ports)));
    expect(err).toMatchObject({ message: 'order o-1 rejected', retriable: false, code: 'fail' });
  });

  it('code validates its config and needs a sandbox port to run', async () => {
    expect(nodeRegistry.code.configSchema.safeParse({ source: 'return 1' }).success).toBe(true);
    expect(nodeRegistry.code.configSchema.safeParse({}).success).toBe(false);
    const err = await failure(run(context({ type: 'code', config: { source: 'return 1' } }, fakePorts().ports)));
    expect(err).toMatchObject({ code: 'code_unavailable' });
  });
});

describe('triggers', () => {
  const trigger = (config: Record<string, unknown>) => ({ type: 'trigger.event', config });
  const event = { id: 'e1', source: '/shop', type: 'order.placed', data: { total: 12 } };

  it('matches by type pattern and the filter, in either the event or the scope form', async () => {
    expect(await triggerMatches(trigger({ eventType: 'order.*' }), event)).toBe(true);
    expect(await triggerMatches(trigger({ eventType: 'payment.**' }), event)).toBe(false);
    expect(await triggerMatches(trigger({ eventType: 'order.*', filter: 'data.total > 10' }), event)).toBe(true);
    expect(await triggerMatches(trigger({ eventType: 'order.*', filter: 'event.data.total > 20' }), event)).toBe(false);
    expect(await triggerMatches(trigger({ eventType: 'order.*', filter: 'event.data.total >' }), event)).toBe(false);
  });

  it('schedule validates cron and time zone', () => {
    const schema = nodeRegistry['trigger.schedule'].configSchema;
    expect(schema.safeParse({ cron: '*/5 * * * *', timezone: 'Europe/Berlin' }).success).toBe(true);
    expect(schema.safeParse({ cron: '61 * * * *' }).success).toBe(false);
    expect(schema.safeParse({ cron: '* * *' }).success).toBe(false);
    expect(schema.safeParse({ cron: '0 9 * * 1', timezone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('every registered type has a schema; only triggers lack run', () => {
    for (const def of Object.values(nodeRegistry)) expect(def.isTrigger, def.type).toBe(def.run === undefined);
    expect(getNodeDefinition('toString')).toBeUndefined();
  });
});
