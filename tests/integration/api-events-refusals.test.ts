import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { POST } from '@/app/api/events/route';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { eventCount, expectError } from './api-helpers';

const MAX = 2048;
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_MAX_EVENT_BYTES: String(MAX) });
});

afterAll(async () => {
  await ctx?.close();
});

type Init = Parameters<typeof callApi>[2];

/** Sends a request that must be refused with `status`, a message matching `message`, and nothing stored. */
async function expectRefused(init: Init, status: number, message: RegExp, code?: string) {
  const before = await eventCount(ctx);
  const res = await callApi('POST', '/api/events', init);
  expectError(res, status, message, code);
  expect(await eventCount(ctx), 'a refused request must store nothing').toBe(before);
  return res;
}

const structured = (event: unknown): Init => ({ raw: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json' } });
const batched = (events: unknown): Init => ({ raw: JSON.stringify(events), headers: { 'content-type': 'application/cloudevents-batch+json' } });
const ce = { 'ce-specversion': '1.0', 'ce-id': 'b-1', 'ce-source': '/bin', 'ce-type': 'order.placed' };
function binary(headers: Record<string, string>, body = '{"a":1}'): Init {
  return { raw: body, headers: { 'content-type': 'application/json', ...headers } };
}
const valid = { specversion: '1.0', id: 'v-1', source: '/s', type: 'order.placed', data: { a: 1 } };
const without = (name: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== name));
const withoutHeader = (name: string) => Object.fromEntries(Object.entries(ce).filter(([k]) => k !== name));

describe('400 malformed JSON', () => {
  it('in every JSON mode', async () => {
    await expectRefused({ raw: '{"type": "order.placed",', headers: { 'content-type': 'application/json' } }, 400, /not valid JSON/, 'invalid_json');
    await expectRefused({ raw: '{not json}', headers: { 'content-type': 'application/cloudevents+json' } }, 400, /not valid JSON/, 'invalid_json');
    await expectRefused({ raw: '[{"id":', headers: { 'content-type': 'application/cloudevents-batch+json' } }, 400, /not valid JSON/, 'invalid_json');
    await expectRefused(binary(ce, '{"a":'), 400, /not valid JSON/, 'invalid_json');
  });

  it('an empty body or JSON of the wrong shape', async () => {
    await expectRefused({ raw: '', headers: { 'content-type': 'application/json' } }, 400, /empty/);
    await expectRefused({ raw: '[1,2]', headers: { 'content-type': 'application/json' } }, 400, /object/);
    await expectRefused(structured([valid]), 400, /object/);
    await expectRefused(batched(valid), 400, /array/);
  });
});

describe('400 missing required attributes', () => {
  for (const name of ['id', 'source', 'type', 'specversion'] as const) {
    it(`structured without ${name}`, async () => {
      await expectRefused(structured(without(name)), 400, new RegExp(`"${name}" is required`), 'missing_attribute');
    });
    it(`binary without ce-${name}`, async () => {
      // without ce-specversion the request is still recognised as binary by its other ce- headers
      await expectRefused(binary(withoutHeader(`ce-${name}`)), 400, new RegExp(`"ce-${name}" is required`), 'missing_attribute');
    });
  }

  it('plain JSON without type', async () => {
    await expectRefused({ body: { data: { a: 1 } } }, 400, /"type" is required/, 'missing_attribute');
  });

  it('an empty attribute is refused like a missing one', async () => {
    await expectRefused(structured({ ...valid, id: '' }), 400, /"id" must not be empty/);
    await expectRefused(binary({ ...ce, 'ce-source': '' }), 400, /ce-source/);
  });
});

describe('400 invalid attributes', () => {
  it('a specversion other than 1.0', async () => {
    await expectRefused(structured({ ...valid, specversion: '0.3' }), 400, /specversion.*1\.0/, 'invalid_attribute');
    await expectRefused(binary({ ...ce, 'ce-specversion': '0.3' }), 400, /ce-specversion.*1\.0/, 'invalid_attribute');
  });

  it('an event type that is not dot-separated words', async () => {
    for (const type of ['order..placed', 'order placed', '.order', 'order.*', 'order/placed']) {
      await expectRefused(structured({ ...valid, type }), 400, /"type" must be dot-separated words/, 'invalid_attribute');
    }
    await expectRefused({ body: { type: 'order placed' } }, 400, /"type"/, 'invalid_attribute');
    await expectRefused(binary({ ...ce, 'ce-type': 'order..placed' }), 400, /ce-type/, 'invalid_attribute');
  });

  it('a bad time, subject or extension', async () => {
    await expectRefused(structured({ ...valid, time: 'yesterday' }), 400, /"time" must be an RFC 3339/);
    await expectRefused(structured({ ...valid, time: '2024-02-30T00:00:00Z' }), 400, /"time"/);
    await expectRefused(binary({ ...ce, 'ce-time': 'soon' }), 400, /ce-time/);
    await expectRefused(structured({ ...valid, subject: 42 }), 400, /"subject" must be a string/);
    await expectRefused(structured({ ...valid, 'Bad-Name': 'x' }), 400, /"Bad-Name" has an invalid name/);
    await expectRefused(structured({ ...valid, tenant: { nested: true } }), 400, /"tenant" must be a string, number or boolean/);
    await expectRefused(structured({ ...valid, data_base64: 'AAEC' }), 400, /both "data" and "data_base64"/);
    await expectRefused({ body: { type: 'order.placed', extra: 1 } }, 400, /unknown field "extra"/);
  });

  it('bad percent-encoding in a ce- header', async () => {
    await expectRefused(binary({ ...ce, 'ce-subject': 'abc%zz' }), 400, /"ce-subject" has a bad percent-encoding/, 'invalid_encoding');
    await expectRefused(binary({ ...ce, 'ce-subject': 'abc%4' }), 400, /ce-subject/, 'invalid_encoding');
    await expectRefused(binary({ ...ce, 'ce-id': 'id%FF%FE' }), 400, /"ce-id" is not valid UTF-8/, 'invalid_encoding');
  });

  it('ce- headers without ce-specversion on a JSON request', async () => {
    await expectRefused({ body: { type: 'order.placed' }, headers: { 'ce-id': 'x' } }, 400, /ce-specversion/, 'missing_attribute');
  });
});

describe('400 batches', () => {
  it('one bad item refuses the whole batch, naming the item', async () => {
    const items = [
      { ...valid, id: 'batch-ok-1' },
      { ...valid, id: 'batch-ok-2' },
      { ...valid, id: 'batch-bad', type: 'not a type' },
      { ...valid, id: 'batch-ok-3' },
    ];
    await expectRefused(batched(items), 400, /batch\[2\].*"type"/);
    await expectRefused(batched([{ ...valid, id: 'batch-ok-4' }, { ...valid, id: undefined }]), 400, /batch\[1\].*"id" is required/);
    await expectRefused(batched([{ ...valid, id: 'batch-ok-5' }, 'not an event']), 400, /batch\[1\]/);
    const { rows } = await ctx.services.database.pool.query(`select count(*)::int as n from events where id like 'batch-%'`);
    expect(rows[0].n).toBe(0);
  });

  it('an empty batch', async () => {
    await expectRefused(batched([]), 400, /empty/, 'bad_request');
  });
});

describe('413 bodies over CAUSEWAY_MAX_EVENT_BYTES', () => {
  /** A plain event whose JSON body is exactly `bytes` long. */
  function plainOfSize(bytes: number, id: string): string {
    const base = JSON.stringify({ type: 'big.event', id, data: '' });
    const body = JSON.stringify({ type: 'big.event', id, data: 'x'.repeat(bytes - base.length) });
    expect(Buffer.byteLength(body)).toBe(bytes);
    return body;
  }

  it('accepts a body of exactly the limit and refuses one byte more', async () => {
    const ok = await callApi('POST', '/api/events', { raw: plainOfSize(MAX, 'at-limit'), headers: { 'content-type': 'application/json' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    await expectRefused({ raw: plainOfSize(MAX + 1, 'over-limit'), headers: { 'content-type': 'application/json' } }, 413, new RegExp(`${MAX} bytes`), 'payload_too_large');
  });

  it('in every mode, streamed or announced by Content-Length', async () => {
    const big = 'x'.repeat(MAX * 4);
    await expectRefused(structured({ ...valid, id: 'big-s', data: big }), 413, /larger than/);
    await expectRefused(batched([{ ...valid, id: 'big-b1' }, { ...valid, id: 'big-b2', data: big }]), 413, /larger than/);
    await expectRefused(binary({ ...ce, 'ce-id': 'big-bin' }, JSON.stringify(big)), 413, /larger than/);
    // a body arriving as a stream in small chunks, with no Content-Length
    const encoder = new TextEncoder();
    const chunks = Array.from({ length: 40 }, (_, i) => encoder.encode(i === 0 ? '{"type":"big.event","data":"' : 'y'.repeat(100)));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else { controller.enqueue(encoder.encode('"}')); controller.close(); }
      },
    });
    const before = await eventCount(ctx);
    const request = new Request('http://localhost/api/events', {
      method: 'POST', body: stream, duplex: 'half',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
    } as RequestInit);
    const streamed = await POST(request, { params: Promise.resolve({}) });
    expectError({ status: streamed.status, body: await streamed.json() }, 413, /larger than/, 'payload_too_large');
    expect(await eventCount(ctx)).toBe(before);
    await expectRefused({ raw: '{"type":"a.b"}', headers: { 'content-type': 'application/json', 'content-length': String(MAX + 1) } }, 413, /larger than/);
  });
});

describe('415 unsupported content types', () => {
  it('text/plain without ce- headers', async () => {
    await expectRefused({ raw: '{"type":"order.placed"}', headers: { 'content-type': 'text/plain' } }, 415, /"text\/plain" is not supported/, 'unsupported_media_type');
  });

  it('other types', async () => {
    await expectRefused({ raw: '<event/>', headers: { 'content-type': 'application/xml' } }, 415, /application\/xml/);
    await expectRefused({ raw: 'type=order.placed', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, /not supported/);
  });

  it('no content type at all', async () => {
    // a Uint8Array body gets no Content-Type of its own (a string body would become text/plain)
    await expectRefused({ raw: new TextEncoder().encode('{"type":"order.placed"}') }, 415, /Content-Type is required/, 'unsupported_media_type');
  });
});
