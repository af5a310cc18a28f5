/**
 * Valid JSON that PostgreSQL cannot store (NUL characters, unpaired surrogates, very deep
 * nesting) is a 400 naming the attribute, never a 500, for events and webhook deliveries alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { MAX_JSON_DEPTH } from '@/lib/events/ingest';
import { createHook, deliver, storedState, TEST_SECRET } from './hooks-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET });
});

afterAll(async () => {
  await ctx?.close();
});

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const plain = (raw: string) => ({ raw, headers: { 'content-type': 'application/json' } });

const refused: [string, Parameters<typeof callApi>[2], RegExp][] = [
  ['a NUL in data', plain('{"type":"a.b","data":"x\\u0000y"}'), /field "data" contains a NUL character/],
  ['a NUL in a key of data', plain('{"type":"a.b","data":{"k\\u0000":1}}'), /field "data" has a key that contains a NUL/],
  ['a NUL in the subject', plain('{"type":"a.b","subject":"x\\u0000y"}'), /field "subject" contains a NUL/],
  ['a NUL in the id', plain('{"type":"a.b","id":"x\\u0000y"}'), /field "id" contains a NUL/],
  ['an unpaired surrogate in data', plain('{"type":"a.b","data":"\\ud800"}'), /unpaired UTF-16 surrogate/],
  ['data nested too deep', plain(`{"type":"a.b","data":${nested(MAX_JSON_DEPTH + 1)}}`), new RegExp(`nested deeper than ${MAX_JSON_DEPTH}`)],
  ['a NUL in a percent-encoded ce- header', {
    raw: '{}', headers: { 'content-type': 'application/json', 'ce-specversion': '1.0', 'ce-id': 'x%00y', 'ce-source': '/s', 'ce-type': 'a.b' },
  }, /header "ce-id" contains a NUL/],
  ['a NUL in an extension', {
    raw: JSON.stringify({ specversion: '1.0', id: '1', source: '/s', type: 'a.b', tenant: 'a\u0000' }),
    headers: { 'content-type': 'application/cloudevents+json' },
  }, /attribute "tenant" contains a NUL/],
];

describe('POST /api/events', () => {
  it.each(refused)('%s → 400, nothing stored', async (_name, init, message) => {
    const res = await callApi('POST', '/api/events', init);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await storedState(ctx)).toEqual({ events: 0, runs: 0, jobs: 0 });
  });

  it('takes data nested exactly to the limit, and a paired surrogate (an emoji)', async () => {
    expect((await callApi('POST', '/api/events', plain(`{"type":"a.b","data":${nested(MAX_JSON_DEPTH)}}`))).status).toBe(202);
    const emoji = await callApi('POST', '/api/events', plain('{"type":"a.b","id":"emoji","data":"\\ud83d\\ude00"}'));
    expect(emoji.status).toBe(202);
    expect((await callApi('GET', '/api/events/emoji?source=/api')).body.data).toBe('😀');
  });
});

describe('webhook deliveries', () => {
  it('refuse a body with a NUL or deep nesting with 400, storing no event', async () => {
    const hook = await createHook({ name: 'Open', eventType: 'ping.received', subject: '{{ body.who }}', verify: { scheme: 'none' } });
    const before = await storedState(ctx);
    const nul = await deliver(hook.id, '{"who":"x\\u0000y"}', { 'content-type': 'application/json' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/the body contains a NUL/);
    const deep = await deliver(hook.id, nested(MAX_JSON_DEPTH + 1), { 'content-type': 'application/json' });
    expect(deep.status).toBe(400);
    expect(await storedState(ctx)).toEqual(before);
  });
});
