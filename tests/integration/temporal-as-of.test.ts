import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { expectError, sendEvent } from './api-helpers';
import { waitFor } from '../setup/wait';
import { after, eventRow, iso, query } from './replay-helpers';

let ctx: TestContext;
let T: Date;
const seqs: Record<string, number> = {};

const send = async (name: string, body: Record<string, unknown>) => { seqs[name] = (await sendEvent({ source: '/shop', id: name, ...body })).seq; };

beforeAll(async () => {
  ctx = await createTestContext();
  await send('placed', { type: 'order.placed', subject: 'order-42', data: { status: 'placed', total: 30, note: 'gift' } });
  await send('other', { type: 'order.placed', subject: 'order-7', data: { status: 'placed', total: 5 } });
  await send('paid', { type: 'order.paid', subject: 'order-42', data: { status: 'paid', paidAt: '10:14', note: null } });
  T = after((await eventRow(ctx, seqs.paid)).received_at);
  // what follows must be received after T
  await waitFor(async () => (await query(ctx, 'select clock_timestamp() > $1 as later', [T]))[0].later, { what: 'the clock to pass T' });
  // claims to have happened before T, but the log only learnt of it after T
  await send('late', { type: 'order.noted', subject: 'order-42', time: '2020-01-01T00:00:00Z', data: { status: 'noted-late' } });
  await send('shipped', { type: 'order.shipped', subject: 'order-42', data: { status: 'shipped', carrier: 'DHL' } });
  // an event a replay emitted: history leaves it out unless asked
  await ctx.services.database.pool.query(`insert into events (id, source, type, subject, data, extensions, routed_at)
    values ('replayed', '/workflows/x', 'order.paid', 'order-42', '{"status": "replayed"}', '{"replayid": "00000000-0000-4000-8000-000000000001"}', now())`);
  expect((await eventRow(ctx, seqs.late)).received_at.getTime()).toBeGreaterThan(T.getTime());
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('a subject as of a moment', () => {
  it('answers what was known at T: the history up to T and the state folded from it, and nothing after', async () => {
    const res = await callApi('GET', `/api/subjects/state?subject=order-42&asOf=${iso(T)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.events.map((e: { id: string }) => e.id)).toEqual(['placed', 'paid']);
    expect(res.body).toMatchObject({ subject: 'order-42', asOf: iso(T), total: 2, truncated: false });
    expect(res.body.state).toEqual({ status: 'paid', total: 30, paidAt: '10:14', note: null });
    expect(res.body.fields.total).toMatchObject({ seq: seqs.placed, type: 'order.placed' });
    expect(res.body.fields.status).toMatchObject({ seq: seqs.paid, type: 'order.paid' });
  });

  it('answers now by default, and leaves out what replays emitted unless asked', async () => {
    const now = await callApi('GET', '/api/subjects/state?subject=order-42');
    expect(now.body.events.map((e: { id: string }) => e.id)).toEqual(['placed', 'paid', 'late', 'shipped']);
    expect(now.body.state).toEqual({ status: 'shipped', total: 30, paidAt: '10:14', note: null, carrier: 'DHL' });
    const withReplays = await callApi('GET', '/api/subjects/state?subject=order-42&includeReplays=true');
    expect(withReplays.body.events.map((e: { id: string }) => e.id)).toContain('replayed');
    expect(withReplays.body.state.status).toBe('replayed');
    const limited = await callApi('GET', '/api/subjects/state?subject=order-42&limit=2');
    expect(limited.body).toMatchObject({ total: 4, truncated: true });
    expect(limited.body.events.map((e: { id: string }) => e.id)).toEqual(['late', 'shipped']);
    // the state is folded from all four, not only the two listed
    expect(limited.body.state.total).toBe(30);
  });

  it('knows nothing of a subject before its first event', async () => {
    const res = await callApi('GET', `/api/subjects/state?subject=order-42&asOf=2000-01-01T00:00:00Z`);
    expect(res.body).toMatchObject({ total: 0, events: [], state: {} });
  });

  it('lists subjects by prefix', async () => {
    const res = await callApi('GET', '/api/subjects?prefix=order-4');
    expect(res.body.items.map((s: { subject: string }) => s.subject)).toEqual(['order-42']);
    expect(res.body.items[0].events).toBe(4);
    const recent = await callApi('GET', '/api/subjects');
    expect(recent.body.items.map((s: { subject: string }) => s.subject).sort()).toEqual(['order-42', 'order-7']);
  });

  it('refuses a bad moment or a missing subject', async () => {
    expectError(await callApi('GET', '/api/subjects/state?subject=order-42&asOf=soon'), 400, /asOf/);
    expectError(await callApi('GET', '/api/subjects/state'), 400, /subject/);
    expectError(await callApi('GET', '/api/history'), 400, /asOf/);
  });
});

describe('the log as of a moment', () => {
  it('holds the events received up to T, newest first, and none received after', async () => {
    const res = await callApi('GET', `/api/history?asOf=${iso(T)}&source=/shop`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual(['paid', 'other', 'placed']);
    const page = await callApi('GET', `/api/history?asOf=${iso(T)}&source=/shop&limit=2`);
    expect(page.body.items).toHaveLength(2);
    const rest = await callApi('GET', `/api/history?asOf=${iso(T)}&source=/shop&limit=2&cursor=${page.body.nextCursor}`);
    expect(rest.body.items.map((e: { id: string }) => e.id)).toEqual(['placed']);
    const typed = await callApi('GET', `/api/history?asOf=${iso(T)}&type=order.placed`);
    expect(typed.body.items.map((e: { id: string }) => e.id)).toEqual(['other', 'placed']);
    const now = await callApi('GET', `/api/history?asOf=${iso(new Date())}&source=/shop`);
    expect(now.body.items.map((e: { id: string }) => e.id)).toEqual(['shipped', 'late', 'paid', 'other', 'placed']);
  });
});
