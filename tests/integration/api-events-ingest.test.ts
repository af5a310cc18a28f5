import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { countRows, eventCount } from './api-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function getEvent(id: string, source?: string) {
  const res = await callApi('GET', `/api/events/${encodeURIComponent(id)}${source ? `?source=${encodeURIComponent(source)}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('POST /api/events: binary mode', () => {
  it('takes the attributes from ce-* headers and the JSON body as data', async () => {
    const before = await eventCount(ctx);
    const res = await callApi('POST', '/api/events', {
      raw: JSON.stringify({ orderId: 'b-1', total: 12.5 }),
      headers: {
        'content-type': 'application/json',
        'ce-specversion': '1.0',
        'ce-id': 'bin-1',
        'ce-source': '/shop/binary',
        'ce-type': 'order.placed',
        'ce-subject': 'caf%C3%A9 order', // percent-encoded UTF-8
        'ce-time': '2024-05-01T12:00:00+02:00',
        'ce-correlationid': 'chain-bin',
        'ce-tenant': 'acme',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ id: 'bin-1', seq: expect.any(Number), duplicate: false });
    expect(await eventCount(ctx)).toBe(before + 1);

    const stored = await getEvent('bin-1');
    expect(stored).toMatchObject({
      specversion: '1.0',
      id: 'bin-1',
      source: '/shop/binary',
      type: 'order.placed',
      subject: 'café order',
      time: '2024-05-01T10:00:00.000Z',
      correlationid: 'chain-bin',
      tenant: 'acme',
      datacontenttype: 'application/json',
      data: { orderId: 'b-1', total: 12.5 },
      seq: res.body.seq,
    });
    expect(Number.isNaN(Date.parse(stored.receivedAt))).toBe(false);
  });

  it('keeps a text body as a string and any other body as data_base64', async () => {
    const text = await callApi('POST', '/api/events', {
      raw: 'hello, log',
      headers: { 'content-type': 'text/plain; charset=utf-8', 'ce-specversion': '1.0', 'ce-id': 'bin-text', 'ce-source': '/bin', 'ce-type': 'note.added' },
    });
    expect(text.status, JSON.stringify(text.body)).toBe(202);
    expect(await getEvent('bin-text')).toMatchObject({ data: 'hello, log', datacontenttype: 'text/plain; charset=utf-8' });

    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const octets = await callApi('POST', '/api/events', {
      raw: bytes,
      headers: { 'content-type': 'application/octet-stream', 'ce-specversion': '1.0', 'ce-id': 'bin-octets', 'ce-source': '/bin', 'ce-type': 'blob.added' },
    });
    expect(octets.status, JSON.stringify(octets.body)).toBe(202);
    const stored = await getEvent('bin-octets');
    expect(stored.data_base64).toBe(Buffer.from(bytes).toString('base64'));
    expect(stored).not.toHaveProperty('data');
  });
});

describe('POST /api/events: structured mode', () => {
  it('stores every attribute and extension of an application/cloudevents+json body', async () => {
    const before = await eventCount(ctx);
    const res = await callApi('POST', '/api/events', {
      raw: JSON.stringify({
        specversion: '1.0',
        id: 'str-1',
        source: 'https://shop.example/orders',
        type: 'order.shipped',
        subject: 'ord-9',
        time: '2024-06-30T23:59:59.5Z',
        datacontenttype: 'application/json',
        dataschema: 'https://schemas.example/order-shipped.json',
        correlationid: 'chain-9',
        causationid: 'cause-9',
        tenant: 'acme',
        priority: 5,
        urgent: true,
        data: { carrier: 'DHL', parcels: [1, 2] },
      }),
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ id: 'str-1', seq: expect.any(Number), duplicate: false });
    expect(await eventCount(ctx)).toBe(before + 1);

    expect(await getEvent('str-1')).toMatchObject({
      specversion: '1.0',
      id: 'str-1',
      source: 'https://shop.example/orders',
      type: 'order.shipped',
      subject: 'ord-9',
      time: '2024-06-30T23:59:59.500Z',
      datacontenttype: 'application/json',
      dataschema: 'https://schemas.example/order-shipped.json',
      correlationid: 'chain-9',
      causationid: 'cause-9',
      tenant: 'acme',
      priority: 5,
      urgent: true,
      data: { carrier: 'DHL', parcels: [1, 2] },
      seq: res.body.seq,
    });
  });

  it('takes data_base64 as it is', async () => {
    const res = await callApi('POST', '/api/events', {
      raw: JSON.stringify({ specversion: '1.0', id: 'str-b64', source: '/s', type: 'blob.added', datacontenttype: 'application/octet-stream', data_base64: 'AAEC+v8=' }),
      headers: { 'content-type': 'application/cloudevents+json' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(await getEvent('str-b64')).toMatchObject({ data_base64: 'AAEC+v8=', datacontenttype: 'application/octet-stream' });
  });
});

describe('POST /api/events: batched mode', () => {
  it('answers an array in the order of the batch, 202, with increasing seqs', async () => {
    const before = await eventCount(ctx);
    const batch = ['c', 'a', 'b'].map((id, i) => ({ specversion: '1.0', id: `batch-${id}`, source: '/batch', type: 'item.added', data: { i } }));
    const res = await callApi('POST', '/api/events', { raw: JSON.stringify(batch), headers: { 'content-type': 'application/cloudevents-batch+json' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual(batch.map((e) => ({ id: e.id, seq: expect.any(Number), duplicate: false })));
    const seqs = res.body.map((r: { seq: number }) => r.seq);
    expect(seqs[0]).toBeLessThan(seqs[1]);
    expect(seqs[1]).toBeLessThan(seqs[2]);
    expect(await eventCount(ctx)).toBe(before + 3);
    for (const [i, e] of batch.entries()) {
      expect(await getEvent(e.id)).toMatchObject({ source: '/batch', type: 'item.added', data: { i }, seq: seqs[i] });
    }
  });

  it('answers a batch holding a known event with duplicate:true for that item and 202 for the batch', async () => {
    const known = await callApi('POST', '/api/events', { body: { id: 'batch-known', source: '/batch2', type: 'item.added', data: 1 } });
    expect(known.status).toBe(202);
    const before = await eventCount(ctx);
    const batch = [
      { specversion: '1.0', id: 'batch-new', source: '/batch2', type: 'item.added', data: 2 },
      { specversion: '1.0', id: 'batch-known', source: '/batch2', type: 'item.added', data: 'changed' },
      { specversion: '1.0', id: 'batch-new', source: '/batch2', type: 'item.added', data: 2 },
    ];
    const res = await callApi('POST', '/api/events', { raw: JSON.stringify(batch), headers: { 'content-type': 'application/cloudevents-batch+json' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual([
      { id: 'batch-new', seq: expect.any(Number), duplicate: false },
      { id: 'batch-known', seq: known.body.seq, duplicate: true },
      { id: 'batch-new', seq: res.body[0].seq, duplicate: true },
    ]);
    expect(await eventCount(ctx)).toBe(before + 1);
    expect((await getEvent('batch-known')).data).toBe(1);

    const again = await callApi('POST', '/api/events', { raw: JSON.stringify(batch), headers: { 'content-type': 'application/cloudevents-batch+json' } });
    expect(again.status).toBe(200);
    expect(again.body.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([true, true, true]);
    expect(again.body.map((r: { seq: number }) => r.seq)).toEqual(res.body.map((r: { seq: number }) => r.seq));
    expect(await eventCount(ctx)).toBe(before + 1);
  });

  it('answers a one-event batch with an array too', async () => {
    const res = await callApi('POST', '/api/events', {
      raw: JSON.stringify([{ specversion: '1.0', id: 'batch-one', source: '/batch', type: 'item.added' }]),
      headers: { 'content-type': 'application/cloudevents-batch+json' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual([{ id: 'batch-one', seq: expect.any(Number), duplicate: false }]);
  });
});

describe('POST /api/events: plain JSON', () => {
  it('generates an id and uses the source /api', async () => {
    const before = await eventCount(ctx);
    const res = await callApi('POST', '/api/events', { body: { type: 'order.placed', data: { orderId: 'p-1' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ id: expect.stringMatching(UUID), seq: expect.any(Number), duplicate: false });
    expect(await eventCount(ctx)).toBe(before + 1);
    expect(await getEvent(res.body.id)).toMatchObject({
      specversion: '1.0', id: res.body.id, source: '/api', type: 'order.placed', data: { orderId: 'p-1' }, seq: res.body.seq,
    });

    const second = await callApi('POST', '/api/events', { body: { type: 'order.placed', data: { orderId: 'p-1' } } });
    expect(second.status).toBe(202);
    expect(second.body.id).not.toBe(res.body.id);
    expect(second.body.seq).toBeGreaterThan(res.body.seq);
  });

  it('keeps a given id, source, subject and time', async () => {
    const res = await callApi('POST', '/api/events', {
      body: { type: 'order.placed', id: 'plain-7', source: '/shop', subject: 'ord-7', time: '2024-01-02T03:04:05Z', data: [1, 2, 3] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ id: 'plain-7', duplicate: false });
    expect(await getEvent('plain-7', '/shop')).toMatchObject({
      id: 'plain-7', source: '/shop', subject: 'ord-7', time: '2024-01-02T03:04:05.000Z', data: [1, 2, 3],
    });
  });
});

describe('duplicates', () => {
  it('answers the same (source, id) again with 200 duplicate:true and the same seq, keeping the first', async () => {
    const first = await callApi('POST', '/api/events', { body: { id: 'dup-1', source: '/dup', type: 'order.placed', data: { v: 1 } } });
    expect(first.status).toBe(202);
    const before = await eventCount(ctx);

    const again = await callApi('POST', '/api/events', { body: { id: 'dup-1', source: '/dup', type: 'order.placed', data: { v: 2 } } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual({ id: 'dup-1', seq: first.body.seq, duplicate: true });

    // the same pair in another mode is the same event
    const structured = await callApi('POST', '/api/events', {
      raw: JSON.stringify({ specversion: '1.0', id: 'dup-1', source: '/dup', type: 'order.placed' }),
      headers: { 'content-type': 'application/cloudevents+json' },
    });
    expect(structured.status).toBe(200);
    expect(structured.body).toEqual({ id: 'dup-1', seq: first.body.seq, duplicate: true });
    const binary = await callApi('POST', '/api/events', {
      raw: '{}',
      headers: { 'content-type': 'application/json', 'ce-specversion': '1.0', 'ce-id': 'dup-1', 'ce-source': '/dup', 'ce-type': 'order.placed' },
    });
    expect(binary.status).toBe(200);
    expect(binary.body).toEqual({ id: 'dup-1', seq: first.body.seq, duplicate: true });

    expect(await eventCount(ctx)).toBe(before);
    expect((await getEvent('dup-1', '/dup')).data).toEqual({ v: 1 });
  });

  it('treats the same id from another source as a new event, and asks for ?source= when ids collide', async () => {
    const a = await callApi('POST', '/api/events', { body: { id: 'shared-id', source: '/a', type: 'x.y', data: 'a' } });
    const b = await callApi('POST', '/api/events', { body: { id: 'shared-id', source: '/b', type: 'x.y', data: 'b' } });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.seq).not.toBe(a.body.seq);
    expect(await countRows(ctx, 'events', 'id = $1', ['shared-id'])).toBe(2);

    const ambiguous = await callApi('GET', '/api/events/shared-id');
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.error.message).toMatch(/source/);
    expect((await getEvent('shared-id', '/b')).data).toBe('b');
    expect((await getEvent('shared-id', '/a')).data).toBe('a');
  });
});

describe('GET /api/events/{id}', () => {
  it('answers 404 with a JSON error for an unknown id or source', async () => {
    const missing = await callApi('GET', '/api/events/no-such-event');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/event/) });
    const wrongSource = await callApi('GET', '/api/events/dup-1?source=/elsewhere');
    expect(wrongSource.status).toBe(404);
  });
});
