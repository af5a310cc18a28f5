/**
 * The web server hands POST /api/events and POST /api/hooks/{id} straight to their route handlers
 * (lib/runtime/web-server.ts); everything else goes through Next.js. Over real HTTP, the direct
 * routes answer as the handlers do: statuses, JSON bodies, refusals, and what they store.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { startWebServer } from '../setup/web-server';
import { eventCount } from './api-helpers';

let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  ctx = await createTestContext();
  web = await startWebServer(ctx.env, { CAUSEWAY_MAX_EVENT_BYTES: '2048' });
}, 600_000);

afterAll(async () => {
  await web?.process.stop();
  await ctx?.close();
});

const auth = { authorization: `Bearer ${TEST_API_KEY}` };
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${web.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body });

describe('the ingest routes served directly', () => {
  it('accepts an event and answers 202 with its id and seq; the same event again is a 200 duplicate', async () => {
    const first = await post('/api/events', JSON.stringify({ id: 'direct-1', source: '/direct', type: 'direct.test', data: { n: 1 } }));
    expect(first.status).toBe(202);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await first.json();
    expect(body).toEqual({ id: 'direct-1', seq: expect.any(Number), duplicate: false });
    const again = await post('/api/events?ignored=1', JSON.stringify({ id: 'direct-1', source: '/direct', type: 'direct.test', data: { n: 1 } }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: 'direct-1', seq: body.seq, duplicate: true });
  });

  it('takes a body sent in chunks, as a client streaming it would', async () => {
    const payload = JSON.stringify({ id: 'direct-chunked', source: '/direct', type: 'direct.test', data: { text: 'x'.repeat(500) } });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${web.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => { body += c; }).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < payload.length; i += 100) req.write(payload.slice(i, i + 100));
      req.end();
    });
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.body)).toMatchObject({ id: 'direct-chunked', duplicate: false });
  });

  it('refuses bad requests with the handlers’ errors and stores nothing', async () => {
    const before = await eventCount(ctx);
    const cases: [Response, number, string][] = [
      [await post('/api/events', JSON.stringify({ type: 'direct.test' }), { authorization: 'Bearer wrong' }), 401, 'unauthorized'],
      [await post('/api/events', '{not json'), 400, 'invalid_json'],
      [await post('/api/events', JSON.stringify({ type: 'direct.test', data: 'x'.repeat(4096) })), 413, 'payload_too_large'],
      [await post('/api/events', 'type=direct', { 'content-type': 'application/x-www-form-urlencoded' }), 415, ''],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error.message).toEqual(expect.any(String));
      if (code) expect(body.error.code).toBe(code);
    }
    expect(await eventCount(ctx)).toBe(before);
  });

  it('survives a malformed path escape and a Host header that is not a host', async () => {
    const malformed = await post('/api/hooks/%E0%A4%A', '{}');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('bad_request');
    const oddHost = await new Promise<number>((resolve, reject) => {
      const req = request(`${web.url}/api/events`, { method: 'POST', headers: { host: 'not a host', 'content-type': 'application/json', ...auth } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ id: 'direct-host', source: '/direct', type: 'direct.host' }));
    });
    expect(oddHost).toBe(202);
    expect((await fetch(`${web.url}/api/health`)).status).toBe(200);
  });

  it('answers a webhook delivery to an unknown endpoint with 404, and leaves the other methods to Next', async () => {
    const hook = await post('/api/hooks/00000000-0000-4000-8000-000000000000', '{}');
    expect(hook.status).toBe(404);
    expect((await hook.json()).error.code).toBe('not_found');
    const list = await fetch(`${web.url}/api/events?type=direct.test`, { headers: auth });
    expect(list.status).toBe(200);
    expect((await list.json()).items.map((e: { id: string }) => e.id).sort()).toEqual(['direct-1', 'direct-chunked']);
    const page = await fetch(`${web.url}/workflows`, { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toMatch(/\/signin\?next=%2Fworkflows$/);
  });
});
