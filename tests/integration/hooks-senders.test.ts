/**
 * Real senders' client libraries against real endpoints: every signature here is made by the
 * publisher's own code (standardwebhooks, @octokit/webhooks-methods, stripe), never by hand.
 */
import { randomUUID } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import githubExamples from '@octokit/webhooks-examples';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { createHook, deliver, lastDelivery, storedState, TEST_SECRET } from './hooks-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET });
});

afterAll(async () => {
  await ctx?.close();
});

async function eventOf(hookId: string, id: string) {
  const res = await callApi('GET', `/api/events/${encodeURIComponent(id)}?source=${encodeURIComponent(`/hooks/${hookId}`)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('standard-webhooks, signed with the standardwebhooks library', () => {
  let hook: Awaited<ReturnType<typeof createHook>>;
  const payload = JSON.stringify({ type: 'invoice.paid', data: { invoice: 'in_1', amount: 4200 } });

  const signedHeaders = (secret: string, id: string, at = new Date()) => ({
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, payload),
  });

  beforeAll(async () => {
    hook = await createHook({ name: 'Billing', verify: { scheme: 'standard-webhooks' } });
  });

  it('generates a whsec_ secret, accepts a signed delivery as an event, and a redelivery as a duplicate', async () => {
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(hook.url).toBe(`http://localhost/api/hooks/${hook.id}`);

    const first = await deliver(hook.id, payload, signedHeaders(hook.secret!, 'msg_first'));
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toEqual({ id: 'msg_first', seq: expect.any(Number), duplicate: false });
    const event = await eventOf(hook.id, 'msg_first');
    expect(event).toMatchObject({ type: 'invoice.paid', source: `/hooks/${hook.id}`, data: JSON.parse(payload) });

    // the sender retries: a new timestamp and signature, the same webhook-id
    const again = await deliver(hook.id, payload, signedHeaders(hook.secret!, 'msg_first'));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: 'msg_first', seq: first.body.seq, duplicate: true });
    expect(await lastDelivery(ctx, hook.id)).toMatchObject({ status: 200, verification: 'verified', dedupe: 'duplicate', event_seq: first.body.seq });
  });

  it('refuses timestamps 301 s in the past or the future with 401, storing nothing', async () => {
    const before = await storedState(ctx);
    // +302 s: a second may tick between signing and checking, which must not bring it within 300 s
    for (const offset of [-301_000, 302_000]) {
      const res = await deliver(hook.id, payload, signedHeaders(hook.secret!, `msg_skew_${offset}`, new Date(Date.now() + offset)));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(offset < 0 ? /301 s old/ : /30\d s in the future/);
      expect(await lastDelivery(ctx, hook.id)).toMatchObject({ status: 401, verification: 'failed', event_seq: null, dedupe: null });
    }
    expect(await storedState(ctx)).toEqual(before);
  });

  it('accepts the new secret after a rotation, and the old one during the grace period only', async () => {
    const old = hook.secret!;
    const rotated = await callApi('POST', `/api/hooks/${hook.id}/rotate`, { body: { graceSeconds: 3600 } });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(old);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3500_000);

    expect((await deliver(hook.id, payload, signedHeaders(fresh, 'msg_new_secret'))).status).toBe(202);
    expect((await deliver(hook.id, payload, signedHeaders(old, 'msg_old_secret'))).status).toBe(202);
    expect(await lastDelivery(ctx, hook.id)).toMatchObject({ verification_detail: expect.stringMatching(/previous secret/) });

    const retired = await callApi('POST', `/api/hooks/${hook.id}/rotate`, { body: { graceSeconds: 0 } });
    expect(retired.status).toBe(200);
    const refused = await deliver(hook.id, payload, signedHeaders(fresh, 'msg_retired'));
    expect(refused.status).toBe(401);
    expect((await deliver(hook.id, payload, signedHeaders(retired.body.secret, 'msg_newest'))).status).toBe(202);
  });
});

describe('github, signed with @octokit/webhooks-methods over @octokit/webhooks-examples payloads', () => {
  let hook: Awaited<ReturnType<typeof createHook>>;

  beforeAll(async () => {
    hook = await createHook({ name: 'GitHub', verify: { scheme: 'github' } });
    expect(hook.eventType).toBe('github.{{ headers."x-github-event" }}');
  });

  for (const name of ['push', 'pull_request', 'issues'] as const) {
    it(`logs a ${name} delivery as an event of type github.${name}`, async () => {
      const example = githubExamples.find((e) => e.name === name)!.examples[0]!;
      const payload = JSON.stringify(example);
      const delivery = randomUUID();
      const res = await deliver(hook.id, payload, {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/abc123',
        'x-github-event': name,
        'x-github-delivery': delivery,
        'x-github-hook-id': '1',
        'x-hub-signature-256': await githubSign(hook.secret!, payload),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.id).toBe(delivery);
      const event = await eventOf(hook.id, delivery);
      expect(event.type).toBe(`github.${name}`);
      expect(event.data).toEqual(example);
    });
  }

  it('refuses a payload signed with another secret', async () => {
    const payload = JSON.stringify(githubExamples.find((e) => e.name === 'push')!.examples[0]);
    const before = await storedState(ctx);
    const res = await deliver(hook.id, payload, {
      'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(),
      'x-hub-signature-256': await githubSign('not-the-endpoint-secret', payload),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/X-Hub-Signature-256/);
    expect(await storedState(ctx)).toEqual(before);
  });
});

describe('stripe, signed with the stripe library\'s test header helper', () => {
  const stripe = new Stripe('sk_test_unused');
  const secret = 'whsec_test_3bd2c6a8e0f14d1a9c7b5e2f';
  let hook: Awaited<ReturnType<typeof createHook>>;

  beforeAll(async () => {
    const refused = await callApi('POST', '/api/hooks', { body: { name: 'Stripe', verify: { scheme: 'stripe' } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/secret is required for stripe/);
    hook = await createHook({ name: 'Stripe', verify: { scheme: 'stripe', secret } });
    expect(hook.secret).toBe(secret);
  });

  it('logs the event under Stripe\'s event id with type stripe.<type>', async () => {
    const payload = JSON.stringify({
      id: 'evt_1Qtest', object: 'event', type: 'payment_intent.succeeded', api_version: '2024-06-20',
      data: { object: { id: 'pi_1', object: 'payment_intent', amount: 2000, currency: 'eur' } },
    });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const res = await deliver(hook.id, payload, { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.id).toBe('evt_1Qtest');
    const event = await eventOf(hook.id, 'evt_1Qtest');
    expect(event.type).toBe('stripe.payment_intent.succeeded');
    expect(event.data.data.object.amount).toBe(2000);

    const later = payload.replace('evt_1Qtest', 'evt_2Qtest');
    const stale = stripe.webhooks.generateTestHeaderString({ payload: later, secret, timestamp: Math.floor(Date.now() / 1000) - 301 });
    const before = await storedState(ctx);
    const refused = await deliver(hook.id, later, { 'content-type': 'application/json', 'stripe-signature': stale });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/30\d s old/);
    expect(await storedState(ctx)).toEqual(before);
  });
});
