import { describe, expect, it } from 'vitest';
import { parseEventsRequest } from '@/lib/events/ingest';
import { postJson, refusal } from './requests';

function idGenerator() {
  let n = 0;
  return () => `gen-${++n}`;
}

function plain(body: unknown, extra: { defaultSource?: string } = {}) {
  return parseEventsRequest(postJson(body, 'application/json'), { maxBytes: 1024, generateId: idGenerator(), ...extra });
}

describe('parseEventsRequest, plain form', () => {
  it('generates the id and defaults the source to /api', async () => {
    const result = await plain({ type: 'order.placed', data: { total: 3 } });
    expect(result).toStrictEqual({
      batch: false,
      events: [
        { id: 'gen-1', source: '/api', type: 'order.placed', specversion: '1.0', data: { total: 3 }, extensions: {} },
      ],
    });
  });

  it('uses the configured default source', async () => {
    const { events } = await plain({ type: 'order.placed' }, { defaultSource: '/ingest' });
    expect(events[0]?.source).toBe('/ingest');
    expect(events[0]).not.toHaveProperty('data');
  });

  it('keeps a given id, source, subject and time', async () => {
    const { events } = await plain({
      type: 'order.placed',
      id: 'o-42',
      source: '/shop',
      subject: 'order/42',
      time: '2024-05-01T12:00:00-05:30',
      data: [1],
    });
    expect(events[0]).toStrictEqual({
      id: 'o-42',
      source: '/shop',
      type: 'order.placed',
      specversion: '1.0',
      subject: 'order/42',
      time: '2024-05-01T17:30:00.000Z',
      data: [1],
      extensions: {},
    });
  });

  it('accepts a charset parameter', async () => {
    const request = postJson({ type: 'a.b' }, 'application/json; charset=UTF-8');
    const { events } = await parseEventsRequest(request, { maxBytes: 100, generateId: () => 'x' });
    expect(events[0]?.type).toBe('a.b');
  });

  it('refuses unknown fields and names them', async () => {
    const error = await refusal(plain({ type: 'order.placed', foo: 1, specversion: '1.0' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toContain('unknown fields "foo", "specversion"');
  });

  it('refuses a missing type', async () => {
    const error = await refusal(plain({ data: {} }));
    expect(error).toMatchObject({ status: 400, code: 'missing_attribute', message: 'field "type" is required' });
  });

  it.each([
    ['type', 'Order placed!', 'must be dot-separated words'],
    ['id', '', 'must not be empty'],
    ['source', 3, 'must be a string'],
    ['time', 'noon', 'must be an RFC 3339 date-time'],
  ])('refuses %s = %j', async (name, value, reason) => {
    const error = await refusal(plain({ type: 'order.placed', [name]: value }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_attribute' });
    expect(error.message).toContain(`field "${name}" ${reason}`);
  });

  it('refuses a body that is not an object', async () => {
    const error = await refusal(plain([{ type: 'order.placed' }]));
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
  });
});
