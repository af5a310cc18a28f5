import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => ctx?.close());

it('answers each of many concurrent requests with its own events, stored once, in order', async () => {
  const requests = Array.from({ length: 120 }, (_, i) => i % 3 === 0
    ? { contentType: 'application/cloudevents-batch+json', events: [0, 1, 2].map((k) => ({ specversion: '1.0', id: `b${i}-${k}`, source: '/group', type: 'group.batch' })) }
    : { contentType: 'application/json', events: [{ id: `p${i}`, source: '/group', type: 'group.single' }] });
  const post = (r: (typeof requests)[number]) => callApi('POST', '/api/events', {
    raw: JSON.stringify(r.contentType === 'application/json' ? r.events[0] : r.events), headers: { 'content-type': r.contentType },
  });
  // Then every fifth request again, all at once: each answer must say duplicate with the first one's seq.
  const repeated = requests.filter((_, i) => i % 5 === 0);
  const sent = [...requests, ...repeated];
  const answers = [...await Promise.all(requests.map(post)), ...await Promise.all(repeated.map(post))];

  const { rows } = await ctx.services.database.pool.query<{ seq: number; id: string }>(`select seq, id from events where source = '/group'`);
  const idBySeq = new Map(rows.map((r) => [Number(r.seq), r.id]));
  expect(rows).toHaveLength(requests.reduce((n, r) => n + r.events.length, 0));
  sent.forEach((r, i) => {
    const answer = answers[i];
    const items = Array.isArray(answer.body) ? answer.body : [answer.body];
    expect(items.map((a: { id: string }) => a.id)).toEqual(r.events.map((e) => e.id));
    for (const item of items) expect(idBySeq.get(item.seq)).toBe(item.id);
  });
  const firsts = answers.slice(0, requests.length);
  const repeats = answers.slice(requests.length);
  expect(firsts.every((a) => a.status === 202)).toBe(true);
  expect(repeats.every((a) => a.status === 200)).toBe(true);
});
