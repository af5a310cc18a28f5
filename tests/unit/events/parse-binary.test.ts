import { describe, expect, it } from 'vitest';
import { parseEventsRequest } from '@/lib/events/ingest';
import { post, refusal } from './requests';

const opts = { maxBytes: 1024, generateId: () => 'generated' };

const required = {
  'ce-specversion': '1.0',
  'ce-id': 'evt-1',
  'ce-source': '/shop',
  'ce-type': 'order.placed',
};

function binary(body: BodyInit | null, headers: Record<string, string>) {
  return parseEventsRequest(post(body, { ...required, ...headers }), opts);
}

describe('parseEventsRequest, binary mode', () => {
  it('reads attributes from ce- headers and parses a JSON body as data', async () => {
    const result = await binary('{"total": 3}', {
      'content-type': 'application/json',
      'ce-subject': 'order/42',
      'ce-time': '2024-05-01T12:00:00+02:00',
      'ce-dataschema': 'https://example.com/schemas/order.json',
      'ce-correlationid': 'root-1',
      'ce-causationid': 'cause-1',
      'ce-tenant': 'acme',
    });
    expect(result).toStrictEqual({
      batch: false,
      events: [
        {
          id: 'evt-1',
          source: '/shop',
          type: 'order.placed',
          specversion: '1.0',
          subject: 'order/42',
          time: '2024-05-01T10:00:00.000Z',
          datacontenttype: 'application/json',
          dataschema: 'https://example.com/schemas/order.json',
          data: { total: 3 },
          extensions: { tenant: 'acme' },
          correlationid: 'root-1',
          causationid: 'cause-1',
        },
      ],
    });
  });

  it('parses +json media types as JSON', async () => {
    const { events } = await binary('[1,2]', { 'content-type': 'application/vnd.acme+json; charset=utf-8' });
    expect(events[0]?.data).toEqual([1, 2]);
    expect(events[0]?.datacontenttype).toBe('application/vnd.acme+json; charset=utf-8');
  });

  it('keeps a text/* body as a string', async () => {
    const { events } = await binary('hello, world', { 'content-type': 'text/plain; charset=utf-8' });
    expect(events[0]?.data).toBe('hello, world');
    expect(events[0]).not.toHaveProperty('data_base64');
  });

  it('keeps any other body as data_base64', async () => {
    const { events } = await binary(new Uint8Array([0, 1, 2, 250, 255]), { 'content-type': 'application/octet-stream' });
    expect(events[0]?.data_base64).toBe('AAEC+v8=');
    expect(events[0]).not.toHaveProperty('data');
  });

  it('has no data when the body is empty', async () => {
    const { events } = await binary(null, {});
    expect(events[0]).toStrictEqual({
      id: 'evt-1', source: '/shop', type: 'order.placed', specversion: '1.0', extensions: {},
    });
  });

  it('takes binary mode over a plain application/json request when ce-specversion is present', async () => {
    const { events } = await binary('{"type":"ignored.here"}', { 'content-type': 'application/json' });
    expect(events[0]?.type).toBe('order.placed');
    expect(events[0]?.data).toEqual({ type: 'ignored.here' });
  });

  it('percent-decodes header values as UTF-8', async () => {
    const { events } = await binary(null, { 'ce-subject': 'caf%C3%A9', 'ce-note': '100%25%20sure' });
    expect(events[0]?.subject).toBe('café');
    expect(events[0]?.extensions).toEqual({ note: '100% sure' });
  });

  it.each(['ce-id', 'ce-source', 'ce-type'])('refuses a request without %s', async (header) => {
    const headers: Record<string, string> = { ...required, 'content-type': 'application/json' };
    delete headers[header];
    const error = await refusal(parseEventsRequest(post('{}', headers), opts));
    expect(error).toMatchObject({ status: 400, code: 'missing_attribute' });
    expect(error.message).toBe(`header "${header}" is required`);
  });

  it('refuses ce- headers without ce-specversion', async () => {
    const { 'ce-specversion': _omitted, ...headers } = required;
    const error = await refusal(parseEventsRequest(post('{}', { ...headers, 'content-type': 'application/json' }), opts));
    expect(error).toMatchObject({ status: 400, code: 'missing_attribute' });
    expect(error.message).toContain('ce-specversion');
  });

  it('refuses a specversion other than 1.0', async () => {
    const error = await refusal(binary(null, { 'ce-specversion': '0.3' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toContain('header "ce-specversion" must be "1.0"');
  });

  it.each(['order..placed', 'order placed', '.order', 'order.', 'ordér.placed'])(
    'refuses the type %j',
    async (type) => {
      const error = await refusal(binary(null, { 'ce-type': encodeURIComponent(type) }));
      expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
      expect(error.message).toContain('header "ce-type" must be dot-separated words');
    },
  );

  it('refuses a time that is not RFC 3339', async () => {
    const error = await refusal(binary(null, { 'ce-time': 'yesterday' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toContain('header "ce-time" must be an RFC 3339 date-time');
  });

  it.each([
    ['%zz', 'bad percent-encoding'],
    ['abc%2', 'bad percent-encoding'],
    ['%C3%28', 'not valid UTF-8'],
    ['%FF', 'not valid UTF-8'],
  ])('refuses the ce-subject %j as invalid_encoding', async (value, reason) => {
    const error = await refusal(binary(null, { 'ce-subject': value }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_encoding' });
    expect(error.message).toContain('header "ce-subject"');
    expect(error.message).toContain(reason);
  });

  it.each(['ce-my_ext', 'ce-averyveryverylongextension'])('refuses the extension header %s', async (header) => {
    const error = await refusal(binary(null, { [header]: 'x' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toContain(`header "${header}" does not name a valid attribute`);
  });

  it.each(['ce-data', 'ce-datacontenttype'])('refuses the %s header', async (header) => {
    const error = await refusal(binary(null, { [header]: 'x' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toContain(`header "${header}" is not allowed`);
  });

  it('refuses a malformed JSON body', async () => {
    const error = await refusal(binary('{"total": ', { 'content-type': 'application/json' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('refuses a malformed Content-Type', async () => {
    const error = await refusal(binary('x', { 'content-type': 'not a media type' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toContain('Content-Type');
  });

  it('refuses a text body that is not valid in its charset', async () => {
    const error = await refusal(binary(new Uint8Array([0x63, 0xc3, 0x28]), { 'content-type': 'text/plain' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_encoding' });
  });

  it('refuses an unknown charset with 415', async () => {
    const error = await refusal(binary('hi', { 'content-type': 'text/plain; charset=klingon' }));
    expect(error).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });
});
