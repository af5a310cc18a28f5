import { describe, expect, it } from 'vitest';
import { parseEventsRequest } from '@/lib/events/ingest';
import { post, postJson, refusal } from './requests';

const opts = { maxBytes: 4096, generateId: () => 'generated' };
const CT = 'application/cloudevents+json';
const minimal = { specversion: '1.0', id: 'evt-1', source: '/shop', type: 'order.placed' };

function structured(event: unknown, contentType = CT) {
  return parseEventsRequest(postJson(event, contentType), opts);
}

async function refusedAttribute(event: unknown) {
  const error = await refusal(structured(event));
  expect(error).toMatchObject({ status: 400 });
  return error;
}

describe('parseEventsRequest, structured mode', () => {
  it('takes one event object with attributes, extensions and data', async () => {
    const result = await structured({
      ...minimal,
      subject: 'order/42',
      time: '2024-05-01T12:00:00.123456Z',
      datacontenttype: 'application/json',
      dataschema: 'urn:example:order',
      data: { total: 3 },
      correlationid: 'root-1',
      causationid: 'cause-1',
      tenant: 'acme',
      attempt: 2,
      test: false,
    }, `${CT}; charset=utf-8`);
    expect(result).toStrictEqual({
      batch: false,
      events: [
        {
          ...minimal,
          subject: 'order/42',
          time: '2024-05-01T12:00:00.123Z',
          datacontenttype: 'application/json',
          dataschema: 'urn:example:order',
          data: { total: 3 },
          correlationid: 'root-1',
          causationid: 'cause-1',
          extensions: { tenant: 'acme', attempt: 2, test: false },
        },
      ],
    });
  });

  it('accepts data_base64', async () => {
    const { events } = await structured({ ...minimal, data_base64: 'aGVsbG8=' });
    expect(events[0]?.data_base64).toBe('aGVsbG8=');
  });

  it('treats null members as unset', async () => {
    const { events } = await structured({ ...minimal, subject: null, data: null, tenant: null });
    expect(events[0]).toStrictEqual({ ...minimal, extensions: {} });
  });

  it('matches the media type case-insensitively', async () => {
    const { events } = await structured(minimal, 'Application/CloudEvents+JSON');
    expect(events).toHaveLength(1);
  });

  it.each(['specversion', 'id', 'source', 'type'])('refuses an event without %s', async (name) => {
    const event: Record<string, unknown> = { ...minimal };
    delete event[name];
    const error = await refusedAttribute(event);
    expect(error.code).toBe('missing_attribute');
    expect(error.message).toBe(`attribute "${name}" is required`);
  });

  it.each([
    ['specversion', '0.3', 'must be "1.0"'],
    ['specversion', 1, 'must be "1.0"'],
    ['id', '', 'must not be empty'],
    ['id', 7, 'must be a string'],
    ['source', '', 'must not be empty'],
    ['type', 'order..placed', 'must be dot-separated words'],
    ['type', 'order/placed', 'must be dot-separated words'],
    ['time', '2024-02-30T00:00:00Z', 'must be an RFC 3339 date-time'],
    ['time', '2024-05-01', 'must be an RFC 3339 date-time'],
    ['time', '2024-05-01T25:00:00Z', 'must be an RFC 3339 date-time'],
    ['dataschema', 'not a uri', 'must be an absolute URI'],
    ['subject', 42, 'must be a string'],
    ['datacontenttype', 'json', 'must be a media type'],
    ['data_base64', 'not base64!', 'must be padded base64'],
    ['correlationid', 5, 'must be a string'],
    ['causationid', '', 'must not be empty'],
    ['tenant', { nested: true }, 'must be a string, number or boolean'],
    ['tenant', [1], 'must be a string, number or boolean'],
  ])('refuses %s = %j', async (name, value, reason) => {
    const error = await refusedAttribute({ ...minimal, [name]: value });
    expect(error.code).toBe('invalid_attribute');
    expect(error.message.startsWith(`attribute "${name}" ${reason}`)).toBe(true);
  });

  it.each(['Tenant', 'my_ext', 'my-ext', 'averyveryverylongextension', ''])('refuses the extension name %j', async (name) => {
    const error = await refusedAttribute({ ...minimal, [name]: 'x' });
    expect(error.code).toBe('invalid_attribute');
    expect(error.message).toContain(`attribute "${name}" has an invalid name`);
  });

  it('refuses both data and data_base64', async () => {
    const error = await refusedAttribute({ ...minimal, data: { a: 1 }, data_base64: 'aGVsbG8=' });
    expect(error.code).toBe('invalid_attribute');
    expect(error.message).toContain('both "data" and "data_base64"');
  });

  it('refuses malformed JSON', async () => {
    const error = await refusal(parseEventsRequest(post('{"id": "x",', { 'content-type': CT }), opts));
    expect(error).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(error.message).toContain('not valid JSON');
  });

  it('refuses an empty body', async () => {
    const error = await refusal(parseEventsRequest(post('', { 'content-type': CT }), opts));
    expect(error).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it.each([[[minimal]], ['just a string'], [null]])('refuses a body that is not an object: %j', async (body) => {
    const error = await refusal(structured(body));
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('uses content type over ce- headers', async () => {
    const request = postJson(minimal, CT, { 'ce-specversion': '1.0', 'ce-type': 'other.type' });
    const { events } = await parseEventsRequest(request, opts);
    expect(events[0]?.type).toBe('order.placed');
    expect(events[0]?.extensions).toEqual({});
  });
});

describe('parseEventsRequest, batched mode', () => {
  const BATCH = 'application/cloudevents-batch+json';
  const batch = (body: unknown) => parseEventsRequest(postJson(body, BATCH), opts);

  it('takes an array of events in order and says it was a batch', async () => {
    const result = await batch([minimal, { ...minimal, id: 'evt-2', data: 'two' }]);
    expect(result).toStrictEqual({
      batch: true,
      events: [
        { ...minimal, extensions: {} },
        { ...minimal, id: 'evt-2', data: 'two', extensions: {} },
      ],
    });
  });

  it('answers batch: true for a batch of one', async () => {
    const result = await batch([minimal]);
    expect(result.batch).toBe(true);
    expect(result.events).toHaveLength(1);
  });

  it('refuses an empty batch', async () => {
    const error = await refusal(batch([]));
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
    expect(error.message).toContain('empty');
  });

  it('refuses the whole batch when one item is bad, naming its index and attribute', async () => {
    const error = await refusal(batch([minimal, minimal, { ...minimal, type: 'bad type' }]));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toMatch(/^batch\[2\]: attribute "type" must be dot-separated words/);
  });

  it('names the index of an item missing an attribute', async () => {
    const { id: _omitted, ...noId } = minimal;
    const error = await refusal(batch([noId, minimal]));
    expect(error).toMatchObject({ code: 'missing_attribute', message: 'batch[0]: attribute "id" is required' });
  });

  it('names the index of an item with both data and data_base64', async () => {
    const error = await refusal(batch([minimal, { ...minimal, data: 1, data_base64: 'AA==' }]));
    expect(error.message).toMatch(/^batch\[1\]: .*both "data" and "data_base64"/);
  });

  it('refuses a batch item that is not an object', async () => {
    const error = await refusal(batch([minimal, 'oops']));
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
    expect(error.message).toContain('batch[1]');
  });

  it('refuses a batch that is not an array', async () => {
    const error = await refusal(batch(minimal));
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('refuses malformed JSON', async () => {
    const error = await refusal(parseEventsRequest(post('[{]', { 'content-type': BATCH }), opts));
    expect(error).toMatchObject({ status: 400, code: 'invalid_json' });
  });
});
