import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow, delayWorkflow, expectError, transformWorkflow } from './api-helpers';
import { createHook, deliver, rows, TEST_SECRET } from './hooks-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET });
  await ctx.startWorker();
});

afterAll(async () => {
  await ctx?.close();
});

const json = { 'content-type': 'application/json' };

describe('managing endpoints', () => {
  it('needs an API key for everything but the delivery itself', async () => {
    const hook = await createHook({ name: 'Open', eventType: 'ping.received', verify: { scheme: 'none' } });
    for (const [method, url] of [['GET', '/api/hooks'], ['POST', '/api/hooks'], ['GET', `/api/hooks/${hook.id}`], ['PUT', `/api/hooks/${hook.id}`],
      ['DELETE', `/api/hooks/${hook.id}`], ['POST', `/api/hooks/${hook.id}/rotate`], ['GET', `/api/hooks/${hook.id}/deliveries`]] as const) {
      expectError(await callApi(method, url, { auth: null, ...(method === 'GET' ? {} : { body: {} }) }), 401);
    }
    expect((await deliver(hook.id, '{"n":1}', json)).status).toBe(202);
  });

  it('refuses a missing scheme, an unknown one, and bad settings with 400, storing nothing', async () => {
    const before = await rows(ctx, 'hooks');
    const refusals: [unknown, RegExp][] = [
      [{ name: 'x', eventType: 'a.b' }, /verify/],
      [{ name: 'x', eventType: 'a.b', verify: { scheme: 'md5' } }, /must be one of standard-webhooks, github, stripe, hmac-sha256, token, none/],
      [{ name: 'x', verify: { scheme: 'hmac-sha256' } }, /eventType is required for the hmac-sha256 scheme/],
      [{ name: 'x', eventType: 'not a type', verify: { scheme: 'none' } }, /dot-separated/],
      [{ name: 'x', eventType: 'a.{{ body. }}', verify: { scheme: 'none' } }, /eventType/],
      [{ name: 'x', eventType: 'a.b', verify: { scheme: 'token', secret: 'short' } }, /at least 16 characters/],
      [{ name: 'x', eventType: 'a.b', verify: { scheme: 'none' }, respond: { mode: 'sync' } }, /respond.nodeId/],
      [{ name: '', eventType: 'a.b', verify: { scheme: 'none' } }, /name/],
    ];
    for (const [body, message] of refusals) expectError(await callApi('POST', '/api/hooks', { body }), 400, message);
    expectError(await callApi('POST', '/api/hooks', { raw: '{', headers: json }), 400, /JSON/);
    expect(await rows(ctx, 'hooks')).toBe(before);
  });

  it('stores secrets encrypted, and shows them only when they are set', async () => {
    const hook = await createHook({ name: 'Signed', eventType: 'ping.received', verify: { scheme: 'hmac-sha256', header: 'X-Sig', prefix: 'sha256=' } });
    expect(hook.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows: [row] } = await ctx.services.database.pool.query('select secret, verify from hooks where id = $1', [hook.id]);
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(hook.secret);
    expect(row.verify).toEqual({ scheme: 'hmac-sha256', header: 'x-sig', prefix: 'sha256=', encoding: 'hex' });

    const shown = await callApi('GET', `/api/hooks/${hook.id}`);
    expect(shown.body).toMatchObject({
      id: hook.id, name: 'Signed', url: `http://localhost/api/hooks/${hook.id}`, eventType: 'ping.received',
      verify: { scheme: 'hmac-sha256', header: 'x-sig', prefix: 'sha256=', encoding: 'hex' },
      secretHint: `…${hook.secret!.slice(-4)}`, respond: { mode: 'async' },
    });
    expect(JSON.stringify(shown.body)).not.toContain(hook.secret);
    const listed = await callApi('GET', '/api/hooks');
    expect(listed.body.items.find((h: { id: string }) => h.id === hook.id)).toMatchObject({ name: 'Signed', lastDelivery: null });
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);
  });

  it('updates settings keeping the secret, and sets a new one when the scheme changes', async () => {
    const hook = await createHook({ name: 'Before', eventType: 'ping.received', verify: { scheme: 'token' } });
    const kept = await callApi('PUT', `/api/hooks/${hook.id}`, { body: { name: 'After', eventType: 'pong.received', verify: { scheme: 'token', header: 'x-key' } } });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body).toMatchObject({ name: 'After', eventType: 'pong.received', secretHint: `…${hook.secret!.slice(-4)}` });
    expect(kept.body.secret).toBeUndefined();
    expect((await deliver(hook.id, '{}', { ...json, 'x-key': hook.secret! })).status).toBe(202);

    const changed = await callApi('PUT', `/api/hooks/${hook.id}`, { body: { name: 'After', eventType: 'pong.received', verify: { scheme: 'github' } } });
    expect(changed.body.secret).toEqual(expect.any(String));
    expect(changed.body.secret).not.toBe(hook.secret);
    expectError(await callApi('PUT', `/api/hooks/${randomUUID()}`, { body: { name: 'x', eventType: 'a.b', verify: { scheme: 'none' } } }), 404);
  });

  it('deletes an endpoint with its deliveries; later deliveries are 404', async () => {
    const hook = await createHook({ name: 'Doomed', eventType: 'ping.received', verify: { scheme: 'none' } });
    await deliver(hook.id, '{"n":1}', json);
    expect(await rows(ctx, 'hook_deliveries', 'hook_id = $1', [hook.id])).toBe(1);
    expect((await callApi('DELETE', `/api/hooks/${hook.id}`)).status).toBe(204);
    expect(await rows(ctx, 'hook_deliveries', 'hook_id = $1', [hook.id])).toBe(0);
    expectError(await callApi('GET', `/api/hooks/${hook.id}`), 404);
    expectError(await deliver(hook.id, '{"n":2}', json), 404);
    expectError(await callApi('DELETE', `/api/hooks/${hook.id}`), 404);
  });

  it('refuses to rotate an endpoint without a secret, and a Stripe rotation without the new secret', async () => {
    const open = await createHook({ name: 'Open', eventType: 'ping.received', verify: { scheme: 'none' } });
    expectError(await callApi('POST', `/api/hooks/${open.id}/rotate`), 409, /no secret/);
    const stripe = await createHook({ name: 'Stripe', verify: { scheme: 'stripe', secret: 'whsec_0123456789abcdefghij' } });
    expectError(await callApi('POST', `/api/hooks/${stripe.id}/rotate`), 400, /required for stripe/);
    const rolled = await callApi('POST', `/api/hooks/${stripe.id}/rotate`, { body: { secret: 'whsec_rolled_0123456789abcdef' } });
    expect(rolled.body.secret).toBe('whsec_rolled_0123456789abcdef');
  });
});

describe('the deliveries log', () => {
  it('lists deliveries newest first with their outcome, event and runs, and pages through them', async () => {
    const workflow = await createActiveWorkflow(transformWorkflow('Pings', 'ping.received', 'event.data.n'));
    const hook = await createHook({ name: 'Log', eventType: 'ping.received', verify: { scheme: 'token' } });
    const ok = await deliver(hook.id, '{"n":1}', { ...json, 'x-webhook-token': hook.secret! });
    await deliver(hook.id, '{"n":2}', { ...json, 'x-webhook-token': 'wrong-token-0123456789' });
    await waitFor(async () => (await rows(ctx, 'runs', 'event_seq = $1', [ok.body.seq])) === 1, { what: 'the run' });

    const page1 = await callApi('GET', `/api/hooks/${hook.id}/deliveries?limit=1`);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0]).toMatchObject({ status: 401, verification: 'failed', eventSeq: null, runs: [] });
    expect(Object.fromEntries(page1.body.items[0].headers)['x-webhook-token']).toBe('[masked, 22 characters]');
    const page2 = await callApi('GET', `/api/hooks/${hook.id}/deliveries?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0]).toMatchObject({
      status: 202, verification: 'verified', dedupe: 'new', eventSeq: ok.body.seq, body: '{"n":1}', bodyBytes: 7,
      runs: [{ workflowId: workflow, workflowName: 'Pings', status: expect.any(String) }],
    });
    expect(page2.body.nextCursor).toBeNull();

    const detail = await callApi('GET', `/api/hooks/${hook.id}/deliveries/${page2.body.items[0].id}`);
    expect(detail.body.event).toMatchObject({ seq: ok.body.seq, type: 'ping.received', source: `/hooks/${hook.id}` });
    expectError(await callApi('GET', `/api/hooks/${hook.id}/deliveries/999999`), 404);
  });

  it('sends a delivery again: a new event that runs again; a refused one cannot be', async () => {
    await createActiveWorkflow(transformWorkflow('Resends', 'resend.tested', 'event.data'));
    const hook = await createHook({ name: 'Resend', eventType: 'resend.tested', verify: { scheme: 'token' } });
    const ok = await deliver(hook.id, '{"n":1}', { ...json, 'x-webhook-token': hook.secret! });
    await deliver(hook.id, '{"n":2}', { ...json, 'x-webhook-token': 'wrong-token-0123456789' });
    const { body: { items: [refused, accepted] } } = await callApi('GET', `/api/hooks/${hook.id}/deliveries`);

    const again = await callApi('POST', `/api/hooks/${hook.id}/deliveries/${accepted.id}/resend`);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({ status: 202, verification: 'resent', resentFrom: accepted.id, dedupe: 'new' });
    expect(again.body.eventId).toMatch(new RegExp(`^${ok.body.id}/resend-[0-9a-f]{8}$`));
    expect(again.body.eventSeq).toBeGreaterThan(ok.body.seq);
    await waitFor(async () => (await rows(ctx, 'runs', 'event_seq = $1', [again.body.eventSeq])) === 1, { what: 'the run of the resent event' });

    const before = await rows(ctx, 'events', `source <> '/audit'`);
    expectError(await callApi('POST', `/api/hooks/${hook.id}/deliveries/${refused.id}/resend`), 409, /passed its check/);
    expect(await rows(ctx, 'events', `source <> '/audit'`)).toBe(before);
  });
});

describe('the deliveries log is bounded', () => {
  it('keeps at least the latest 500 deliveries of an endpoint and drops older ones', async () => {
    const hook = await createHook({ name: 'Busy', eventType: 'ping.received', verify: { scheme: 'none' } });
    for (let i = 0; i < 540; i++) await deliver(hook.id, `<n>${i}</n>`, { 'content-type': 'application/xml' });
    const kept = await rows(ctx, 'hook_deliveries', 'hook_id = $1', [hook.id]);
    expect(kept).toBeGreaterThanOrEqual(500);
    expect(kept).toBeLessThan(540);
    const { rows: [newest] } = await ctx.services.database.pool.query(
      'select count(*)::int as n from hook_deliveries where hook_id = $1 and id > (select max(id) - 500 from hook_deliveries where hook_id = $1)', [hook.id]);
    expect(newest.n).toBe(500);
  }, 120_000);
});

describe('sync response mode', () => {
  it('answers with the chosen step\'s output once it has run', async () => {
    await createActiveWorkflow(transformWorkflow('Quote', 'quote.requested', '{ "price": event.data.qty * 3 }'));
    const hook = await createHook({
      name: 'Quote', eventType: 'quote.requested', verify: { scheme: 'none' },
      respond: { mode: 'sync', nodeId: 'shape', respondTimeoutMs: 10_000 },
    });
    const res = await deliver(hook.id, '{"qty":7}', json);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ price: 21 });
    expect(res.headers.get('x-causeway-event-seq')).toMatch(/^\d+$/);
  });

  it('falls back to 202 with the event id when the step does not finish in time', async () => {
    await createActiveWorkflow(delayWorkflow('Slow', 'slow.requested', '30s'));
    const hook = await createHook({
      name: 'Slow', eventType: 'slow.requested', verify: { scheme: 'none' },
      respond: { mode: 'sync', nodeId: 'after', respondTimeoutMs: 400 },
    });
    const started = Date.now();
    const res = await deliver(hook.id, '{"n":1}', json);
    const took = Date.now() - started;
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^sha256:/), seq: expect.any(Number), duplicate: false });
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(3000);
  });

  it('does not wait when the event starts no run', async () => {
    const hook = await createHook({
      name: 'Nobody', eventType: 'nobody.listens', verify: { scheme: 'none' },
      respond: { mode: 'sync', nodeId: 'shape', respondTimeoutMs: 20_000 },
    });
    const started = Date.now();
    const res = await deliver(hook.id, '{"n":1}', json);
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
