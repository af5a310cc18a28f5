import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { eventCount, expectError } from './api-helpers';

let ctx: TestContext;

interface Sent { id: string; seq: number; type: string; source: string; subject?: string; correlationid?: string }
const sent: Sent[] = [];

async function send(e: Omit<Sent, 'seq'>): Promise<Sent> {
  const { correlationid, ...rest } = e;
  const res = correlationid
    ? await callApi('POST', '/api/events', { raw: JSON.stringify({ specversion: '1.0', ...rest, correlationid }), headers: { 'content-type': 'application/cloudevents+json' } })
    : await callApi('POST', '/api/events', { body: rest });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const s = { ...e, seq: res.body.seq };
  sent.push(s);
  return s;
}

/** GET /api/events with these params; expects 200 and returns the ids, newest first. */
async function ids(query: string): Promise<string[]> {
  const res = await callApi('GET', `/api/events?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((e: { id: string }) => e.id);
}

const newestFirst = (list: Sent[]) => [...list].sort((a, b) => b.seq - a.seq).map((e) => e.id);
const where = (f: (e: Sent) => boolean) => newestFirst(sent.filter(f));

beforeAll(async () => {
  ctx = await createTestContext();
  await send({ id: 'q1', type: 'order', source: '/shop', subject: 'o-1', correlationid: 'c-1' });
  await send({ id: 'q2', type: 'order.placed', source: '/shop', subject: 'o-1', correlationid: 'c-1' });
  await send({ id: 'q3', type: 'order.shipped', source: '/warehouse', subject: 'o-1', correlationid: 'c-1' });
  await send({ id: 'q4', type: 'order.item.added', source: '/shop', subject: 'o-2', correlationid: 'c-2' });
  await send({ id: 'q5', type: 'payment.captured', source: '/pay', subject: 'o-2', correlationid: 'c-2' });
  await send({ id: 'q6', type: 'orders.placed', source: '/shop', subject: 'o-3' });
  await send({ id: 'q7', type: 'payment.order.placed', source: '/pay' });
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /api/events filters', () => {
  it('lists everything newest first without filters', async () => {
    expect(await ids('limit=500')).toEqual(newestFirst(sent));
  });

  it('matches type patterns word by word', async () => {
    expect(await ids('type=order.*')).toEqual(where((e) => ['order.placed', 'order.shipped'].includes(e.type)));
    expect(await ids('type=order.**')).toEqual(where((e) => e.type === 'order' || e.type.startsWith('order.')));
    expect(await ids('type=**')).toEqual(newestFirst(sent));
    expect(await ids('type=*.placed')).toEqual(where((e) => ['order.placed', 'orders.placed'].includes(e.type)));
    expect(await ids('type=**.placed')).toEqual(where((e) => e.type.endsWith('.placed')));
    expect(await ids('type=order.placed')).toEqual(['q2']);
    expect(await ids('type=order')).toEqual(['q1']);
    expect(await ids('type=nothing.here')).toEqual([]);
    // sanity: the patterns above do tell the events apart
    expect(await ids('type=order.*')).toEqual(['q3', 'q2']);
    expect(await ids('type=order.**')).toEqual(['q4', 'q3', 'q2', 'q1']);
  });

  it('filters by source, subject and correlationId, alone and together', async () => {
    expect(await ids('source=/shop')).toEqual(where((e) => e.source === '/shop'));
    expect(await ids('source=/shop')).toEqual(['q6', 'q4', 'q2', 'q1']);
    expect(await ids('subject=o-1')).toEqual(['q3', 'q2', 'q1']);
    expect(await ids('correlationId=c-2')).toEqual(['q5', 'q4']);
    expect(await ids('correlationId=c-1&source=/shop')).toEqual(['q2', 'q1']);
    expect(await ids('type=order.**&subject=o-2')).toEqual(['q4']);
    expect(await ids('source=/nowhere')).toEqual([]);
  });

  it('filters by receive time with after and before', async () => {
    const early = await callApi('GET', '/api/events/q7');
    // a boundary after every event so far (receivedAt is shown to the millisecond)
    const boundary = new Date(Date.parse(early.body.receivedAt) + 1);
    await waitFor(async () => Date.now() > boundary.getTime() + 1, { what: 'the clock to pass the boundary' });
    await send({ id: 'late1', type: 'late.event', source: '/late' });
    await send({ id: 'late2', type: 'late.event', source: '/late' });

    const iso = boundary.toISOString();
    expect(await ids(`after=${iso}&limit=500`)).toEqual(['late2', 'late1']);
    expect(await ids(`before=${iso}&limit=500`)).toEqual(where((e) => !e.id.startsWith('late')));
    expect(await ids(`after=${iso}&type=order.**`)).toEqual([]);
    const late1 = (await callApi('GET', '/api/events/late1')).body.receivedAt;
    const late2 = (await callApi('GET', '/api/events/late2')).body.receivedAt;
    expect(await ids(`after=${iso}&before=${encodeURIComponent(new Date(Date.parse(late2) - 1).toISOString())}`))
      .toEqual(late1 === late2 ? [] : ['late1']);
    expect(await ids('after=2999-01-01T00:00:00Z')).toEqual([]);
    expect(await ids('before=2000-01-01T00:00:00Z')).toEqual([]);
  });

  it('includes an event in after= and before= given its own receivedAt', async () => {
    const { body } = await callApi('GET', '/api/events/q4');
    const at = encodeURIComponent(body.receivedAt);
    expect(await ids(`after=${at}&before=${at}`)).toContain('q4');
    expect(await ids(`after=${at}&limit=500`)).toContain('q4');
    expect(await ids(`before=${at}&limit=500`)).toContain('q4');
  });
});

describe('GET /api/events paging', () => {
  it('walks every item once, newest first, with limit and cursor', async () => {
    const paged: Sent[] = [];
    for (let i = 0; i < 23; i++) paged.push(await send({ id: `page-${i}`, type: 'page.item', source: '/pages' }));
    // events of another type in between must not appear
    await send({ id: 'page-noise', type: 'noise.item', source: '/pages' });

    const seen: string[] = [];
    const seqs: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: any } = await callApi('GET', `/api/events?type=page.item&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(5);
      expect(res.body.items.length).toBeGreaterThan(0);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      seqs.push(...res.body.items.map((e: { seq: number }) => e.seq));
      cursor = res.body.nextCursor;
      pages++;
      expect(pages).toBeLessThanOrEqual(5);
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(newestFirst(paged));
    expect(new Set(seen).size).toBe(23);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeLessThan(seqs[i - 1]);
  });

  it('has no next cursor when the page holds everything, and limit=1 pages one by one', async () => {
    const all = await callApi('GET', '/api/events?source=/shop&limit=4');
    expect(all.body.items).toHaveLength(4);
    expect(all.body.nextCursor).toBeNull();
    const first = await callApi('GET', '/api/events?source=/shop&limit=1');
    expect(first.body.items.map((e: { id: string }) => e.id)).toEqual(['q6']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await callApi('GET', `/api/events?source=/shop&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((e: { id: string }) => e.id)).toEqual(['q4']);
  });

  it('defaults to 50 items', async () => {
    for (let i = 0; i < 30; i++) await send({ id: `bulk-${i}`, type: 'bulk.item', source: '/bulk' });
    expect(await eventCount(ctx)).toBeGreaterThan(50);
    const res = await callApi('GET', '/api/events');
    expect(res.body.items).toHaveLength(50);
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });
});

describe('GET /api/events refusals', () => {
  const refused = async (query: string, name: RegExp) => expectError(await callApi('GET', `/api/events?${query}`), 400, name, 'invalid_query');

  it('a bad type pattern', async () => {
    for (const pattern of ['order.', 'order..placed', 'order.*x', 'a b', '.**', '']) {
      await refused(`type=${encodeURIComponent(pattern)}`, /type/);
    }
  });

  it('a bad time', async () => {
    await refused('after=yesterday', /after/);
    await refused('before=not-a-time', /before/);
  });

  it('a bad limit', async () => {
    for (const limit of ['0', '-1', '501', 'abc', '1.5']) await refused(`limit=${limit}`, /limit/);
  });

  it('a bad cursor', async () => {
    await refused('cursor=not-a-cursor', /cursor/);
    await refused(`cursor=${Buffer.from('12abc').toString('base64url')}`, /cursor/);
  });
});
