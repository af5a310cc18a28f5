/**
 * Every refused delivery is answered with the status its sender's retry logic expects and
 * leaves no event, no run and no job behind; only its entry in the deliveries log.
 * No worker runs here, so any job that was enqueued would still be waiting in Redis.
 */
import { randomUUID } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as receive } from '@/app/api/hooks/[id]/route';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { createActiveWorkflow, transformWorkflow } from './api-helpers';
import { createHook, deliver, lastDelivery, rows, storedState, TEST_SECRET } from './hooks-helpers';

const MAX = 4096;
let ctx: TestContext;
let sw: Awaited<ReturnType<typeof createHook>>;
let gh: Awaited<ReturnType<typeof createHook>>;
let tok: Awaited<ReturnType<typeof createHook>>;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET, CAUSEWAY_MAX_EVENT_BYTES: String(MAX) });
  // a workflow for every type these deliveries could become, so a wrongly accepted one would start runs
  await createActiveWorkflow(transformWorkflow('Everything', '**', 'event.type'));
  sw = await createHook({ name: 'Standard', verify: { scheme: 'standard-webhooks' } });
  gh = await createHook({ name: 'GitHub', verify: { scheme: 'github' } });
  tok = await createHook({ name: 'Token', eventType: 'ping.received', verify: { scheme: 'token', header: 'x-token' } });
});

afterAll(async () => {
  await ctx?.close();
});

const payload = JSON.stringify({ type: 'user.created', data: { id: 'u1' } });
const seconds = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** Standard Webhooks headers for `body`, signed by the library, with any header replaced. */
function standard(body: string, over: Record<string, string | undefined> = {}, at = new Date(), id = `msg_${randomUUID()}`) {
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': seconds(at),
    'webhook-signature': new Webhook(sw.secret!).sign(id, at, body),
    ...over,
  };
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

interface Case {
  name: string;
  hook: () => string;
  send: () => Promise<{ body: string | Uint8Array; headers: Record<string, string> }>;
  status: number;
  message: RegExp;
  verification: 'failed' | 'unchecked' | 'verified';
}

const big = JSON.stringify({ type: 'user.created', data: 'x'.repeat(MAX) });

const cases: Case[] = [
  { name: 'missing signature', hook: () => sw.id, send: async () => ({ body: payload, headers: standard(payload, { 'webhook-signature': undefined }) }),
    status: 401, message: /missing header "webhook-signature"/, verification: 'failed' },
  { name: 'wrong signature', hook: () => sw.id,
    send: async () => ({ body: payload, headers: standard(payload, { 'webhook-signature': new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).sign('msg_x', new Date(), payload) }) }),
    status: 401, message: /no signature .* matches/, verification: 'failed' },
  { name: 'truncated signature', hook: () => sw.id,
    send: async () => { const h = standard(payload); return { body: payload, headers: { ...h, 'webhook-signature': h['webhook-signature']!.slice(0, -6) } }; },
    status: 401, message: /no well-formed/, verification: 'failed' },
  { name: 'signature of another body', hook: () => sw.id,
    send: async () => ({ body: payload.replace('u1', 'u2'), headers: standard(payload) }),
    status: 401, message: /no signature .* matches/, verification: 'failed' },
  { name: 'stale timestamp (6 minutes old)', hook: () => sw.id, send: async () => ({ body: payload, headers: standard(payload, {}, new Date(Date.now() - 360_000)) }),
    status: 401, message: /s old; the tolerance is 300 s/, verification: 'failed' },
  { name: 'future timestamp (6 minutes ahead)', hook: () => sw.id, send: async () => ({ body: payload, headers: standard(payload, {}, new Date(Date.now() + 360_000)) }),
    status: 401, message: /in the future/, verification: 'failed' },
  { name: 'github: missing X-Hub-Signature-256', hook: () => gh.id,
    send: async () => ({ body: payload, headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID() } }),
    status: 401, message: /X-Hub-Signature-256/, verification: 'failed' },
  { name: 'github: truncated signature', hook: () => gh.id,
    send: async () => ({ body: payload, headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': (await githubSign(gh.secret!, payload)).slice(0, 40) } }),
    status: 401, message: /64 hex digits/, verification: 'failed' },
  { name: 'token: wrong token', hook: () => tok.id,
    send: async () => ({ body: payload, headers: { 'content-type': 'application/json', 'x-token': `${tok.secret}x` } }),
    status: 401, message: /does not hold the token/, verification: 'failed' },
  { name: 'oversized body (with Content-Length)', hook: () => sw.id, send: async () => ({ body: big, headers: standard(big) }),
    status: 413, message: new RegExp(`larger than ${MAX} bytes`), verification: 'unchecked' },
  { name: 'wrong content type', hook: () => sw.id, send: async () => ({ body: '<user/>', headers: standard('<user/>', { 'content-type': 'application/xml' }) }),
    status: 415, message: /"application\/xml" is not supported/, verification: 'unchecked' },
  // bytes, not a string: a string body would be given text/plain by the Request itself
  { name: 'no content type', hook: () => sw.id,
    send: async () => ({ body: new TextEncoder().encode(payload), headers: standard(payload, { 'content-type': undefined }) }),
    status: 415, message: /Content-Type is required/, verification: 'unchecked' },
  { name: 'malformed JSON (correctly signed)', hook: () => sw.id, send: async () => ({ body: '{"type": "user.created",', headers: standard('{"type": "user.created",') }),
    status: 400, message: /not valid JSON/, verification: 'verified' },
  { name: 'empty body (correctly signed)', hook: () => sw.id, send: async () => ({ body: '', headers: standard('') }),
    status: 400, message: /empty/, verification: 'verified' },
  { name: 'a body the event type template finds no type in', hook: () => sw.id,
    send: async () => ({ body: '{"data":{}}', headers: standard('{"data":{}}') }),
    status: 400, message: /event type "" .*not dot-separated words/, verification: 'verified' },
];

describe('refused deliveries: their status, and nothing stored but the log entry', () => {
  it.each(cases)('$name → $status', async (c) => {
    const { body, headers } = await c.send();
    const loggedBefore = await rows(ctx, 'hook_deliveries');
    const res = await deliver(c.hook(), body, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    expect(res.body.error.message).toMatch(c.message);
    expect(await storedState(ctx)).toEqual({ events: 0, runs: 0, jobs: 0 });
    expect(await rows(ctx, 'hook_deliveries')).toBe(loggedBefore + 1);
    const logged = await lastDelivery(ctx, c.hook());
    expect(logged).toMatchObject({ status: c.status, verification: c.verification, event_seq: null, dedupe: null });
    expect(logged.error.message).toMatch(c.message);
  });

  it('oversized body streamed without a Content-Length → 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(256));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request(`http://localhost/api/hooks/${sw.id}`, {
      method: 'POST', body: stream, duplex: 'half', headers: standard(payload),
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const res = await receive(request, { params: Promise.resolve({ id: sw.id }) });
    expect(res.status).toBe(413);
    expect(sent, 'the body is cut off once over the limit, not read to its end').toBeLessThan(40);
    expect(await storedState(ctx)).toEqual({ events: 0, runs: 0, jobs: 0 });
    expect(await lastDelivery(ctx, sw.id)).toMatchObject({ status: 413, verification: 'unchecked', body: null });
  });

  it('an endpoint that does not exist → 404, and no log entry', async () => {
    const before = await rows(ctx, 'hook_deliveries');
    const res = await deliver(randomUUID(), payload, standard(payload));
    expect(res.status).toBe(404);
    expect((await deliver('not-a-uuid', payload, standard(payload))).status).toBe(404);
    expect(await rows(ctx, 'hook_deliveries')).toBe(before);
    expect(await storedState(ctx)).toEqual({ events: 0, runs: 0, jobs: 0 });
  });

  it('masks the signature in the log and keeps the other headers', async () => {
    const headers = standard(payload, { 'webhook-signature': 'v1,AAAA' });
    await deliver(sw.id, payload, headers);
    const logged = Object.fromEntries((await lastDelivery(ctx, sw.id)).headers as [string, string][]);
    expect(logged['webhook-signature']).toBe('[masked, 7 characters]');
    expect(logged['webhook-id']).toBe(headers['webhook-id']);
  });
});

describe('a replayed delivery id', () => {
  it('is answered 200 duplicate and stores no second event and no second job', async () => {
    const id = `msg_${randomUUID()}`;
    const first = await deliver(sw.id, payload, standard(payload, {}, new Date(), id));
    expect(first.status).toBe(202);
    expect(await storedState(ctx)).toEqual({ events: 1, runs: 0, jobs: 1 });
    // the same delivery captured and sent again, and a fresh signature of the same id
    const replays = [standard(payload, {}, new Date(), id), standard(payload, {}, new Date(), id)];
    for (const headers of replays) {
      const res = await deliver(sw.id, payload, headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id, seq: first.body.seq, duplicate: true });
    }
    expect(await storedState(ctx)).toEqual({ events: 1, runs: 0, jobs: 1 });
    const listed = await callApi('GET', `/api/hooks/${sw.id}/deliveries?limit=3`);
    expect(listed.body.items.map((d: { dedupe: string }) => d.dedupe)).toEqual(['duplicate', 'duplicate', 'new']);
  });
});
