/**
 * With PostgreSQL unreachable (a real refused connection, nothing mocked), events and webhook
 * deliveries are answered 503 with Retry-After, never 2xx, and nothing reaches the queues.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { freePort } from '@/lib/runtime/free-port';
import { createServices, setServices, type Services } from '@/lib/server/services';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { envForProcess } from '../setup/worker-process';
import { createHook, deliver, storedState, TEST_SECRET } from './hooks-helpers';

let ctx: TestContext;
let down: Services | undefined;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET });
});

afterAll(async () => {
  setServices(ctx?.services);
  await down?.queues.close();
  await down?.database.close();
  await ctx?.close();
});

describe('a database outage', () => {
  it('is 503 with Retry-After for events and deliveries, and stores nothing', async () => {
    const hook = await createHook({ name: 'Billing', verify: { scheme: 'standard-webhooks' } });
    const closed = await freePort();
    down = createServices(parseEnv(envForProcess(ctx.env, { DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/causeway` })), 'test-down');
    setServices(down);

    const event = await callApi('POST', '/api/events', { body: { type: 'order.placed', data: { n: 1 } } });
    expect(event.status).toBe(503);
    expect(event.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(event.body.error.code).toBe('unavailable');

    const body = JSON.stringify({ type: 'invoice.paid', data: {} });
    const at = new Date();
    const delivery = await deliver(hook.id, body, {
      'content-type': 'application/json', 'webhook-id': 'msg_outage', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(hook.secret!).sign('msg_outage', at, body),
    });
    expect(delivery.status).toBe(503);
    expect(delivery.headers.get('retry-after')).toMatch(/^\d+$/);

    setServices(ctx.services);
    expect(await storedState(ctx)).toEqual({ events: 0, runs: 0, jobs: 0 });
  });
});
