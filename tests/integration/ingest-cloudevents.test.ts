/** The cloudevents SDK's own HTTP emitter, over a real socket, against POST /api/events. */
import { CloudEvent, emitterFor, httpTransport, Mode } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { serveApi } from './hooks-helpers';

let ctx: TestContext;
let server: Awaited<ReturnType<typeof serveApi>>;

beforeAll(async () => {
  ctx = await createTestContext();
  server = await serveApi();
});

afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

function emitter(mode: Mode) {
  return emitterFor(httpTransport(`${server.url}/api/events`), { mode });
}

async function logged(id: string, source: string) {
  const res = await callApi('GET', `/api/events/${encodeURIComponent(id)}?source=${encodeURIComponent(source)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

// The transport's options are passed to http.request: the API key goes in as a header.
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };

describe.each([
  ['binary', Mode.BINARY],
  ['structured', Mode.STRUCTURED],
] as const)('the cloudevents SDK emitter in %s mode', (name, mode) => {
  it('is accepted with every attribute, extensions included, and a resend is a duplicate', async () => {
    const event = new CloudEvent({
      id: `sdk-${name}-1`, source: 'urn:example:shop', type: 'order.placed', subject: 'order/42',
      time: '2026-05-01T10:00:00.250Z', datacontenttype: 'application/json', dataschema: 'https://example.com/order.json',
      data: { orderId: '42', total: 30.5, note: 'café ✓' }, correlationid: 'corr-42', tenant: 'acme',
    });
    const sent = await emitter(mode)(event, auth) as { body?: string };
    expect(JSON.parse(String(sent.body))).toEqual({ id: `sdk-${name}-1`, seq: expect.any(Number), duplicate: false });

    const stored = await logged(`sdk-${name}-1`, 'urn:example:shop');
    expect(stored).toMatchObject({
      specversion: '1.0', type: 'order.placed', subject: 'order/42', time: '2026-05-01T10:00:00.250Z',
      datacontenttype: 'application/json', dataschema: 'https://example.com/order.json',
      data: { orderId: '42', total: 30.5, note: 'café ✓' }, correlationid: 'corr-42', tenant: 'acme',
    });

    const again = await emitter(mode)(event, auth) as { body?: string };
    expect(JSON.parse(String(again.body))).toMatchObject({ id: `sdk-${name}-1`, seq: stored.seq, duplicate: true });
  });

  it('carries text and binary data', async () => {
    await emitter(mode)(new CloudEvent({ id: `sdk-${name}-text`, source: '/sdk', type: 'note.written', datacontenttype: 'text/plain', data: 'hello, world' }), auth);
    expect((await logged(`sdk-${name}-text`, '/sdk')).data).toBe('hello, world');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await emitter(mode)(new CloudEvent({ id: `sdk-${name}-bin`, source: '/sdk', type: 'blob.stored', datacontenttype: 'application/octet-stream', data: bytes }), auth);
    const blob = await logged(`sdk-${name}-bin`, '/sdk');
    expect(Buffer.from(blob.data_base64, 'base64')).toEqual(Buffer.from(bytes));
  });
});

describe('what the SDK refuses to send, the API refuses too', () => {
  it('a binary request with a badly percent-encoded ce- header is 400 and stores nothing', async () => {
    const before = await callApi('GET', '/api/events?limit=500');
    const res = await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: { ...auth.headers, 'content-type': 'application/json', 'ce-specversion': '1.0', 'ce-id': 'pct-1', 'ce-source': '/sdk', 'ce-type': 'a.b', 'ce-subject': 'bad%zzencoding' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/percent-encoding/);
    expect((await callApi('GET', '/api/events?limit=500')).body.items).toHaveLength(before.body.items.length);
  });
});
