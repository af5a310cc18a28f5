import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow, expectError, sendEvent } from './api-helpers';
import { after, before, eventRow, iso, query, settled, startReplay, waitForReplay } from './replay-helpers';

let ctx: TestContext;
let server: http.Server;
let requests = 0;
let url: string;
let workflowId: string;
let from: Date;
let to: Date;

const at = (i: number) => ({ x: i * 200, y: 0 });
/**
 *   placed → shape → call (http) → tail
 *                  ↘ fetcher (code with fetch) → calc (code) → announce (emit)
 */
function document(shape: string, opts: { extra?: boolean; dropCalc?: boolean } = {}) {
  const nodes = [
    { id: 'placed', type: 'trigger.event', position: at(0), config: { eventType: 'order.placed' } },
    { id: 'shape', type: 'transform', position: at(1), config: { expression: shape } },
    { id: 'call', type: 'http', position: at(2), config: { method: 'POST', url, body: '{{ steps.shape }}' } },
    { id: 'tail', type: 'transform', position: at(3), config: { expression: '{ "status": steps.call.status, "echo": steps.call.body.got }' } },
    { id: 'fetcher', type: 'code', position: at(2), config: { source: `const r = await fetch(${JSON.stringify(url)}, { method: 'POST', body: JSON.stringify({ from: 'code' }) }); return r.status;`, allowFetch: true } },
    ...(opts.dropCalc ? [] : [{ id: 'calc', type: 'code', position: at(3), config: { source: 'return event.data.total * 2;' } }]),
    { id: 'announce', type: 'emit', position: at(4), config: { eventType: 'order.checked', data: '{{ { "id": event.data.orderId } }}' } },
    ...(opts.extra ? [{ id: 'extra', type: 'transform', position: at(4), config: { expression: '"new"' } }] : []),
  ];
  const edges = [
    { id: 'e1', source: 'placed', target: 'shape' },
    { id: 'e2', source: 'shape', target: 'call' },
    { id: 'e3', source: 'call', target: 'tail' },
    { id: 'e4', source: 'shape', target: 'fetcher' },
    ...(opts.dropCalc
      ? [{ id: 'e6', source: 'fetcher', target: 'announce' }]
      : [{ id: 'e5', source: 'fetcher', target: 'calc' }, { id: 'e6', source: 'calc', target: 'announce' }]),
    ...(opts.extra ? [{ id: 'e7', source: 'tail', target: 'extra' }] : []),
  ];
  return { name: 'Check orders', nodes, edges };
}

const SHAPE_V1 = '{ "total": event.data.total }';

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  server = http.createServer((req, res) => {
    requests++;
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => res.setHeader('content-type', 'application/json').end(JSON.stringify({ got: JSON.parse(body || 'null') })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/check`;
  workflowId = await createActiveWorkflow(document(SHAPE_V1));
  await ctx.startWorker();
  const sent = [];
  for (const [id, total] of [['s1', 10], ['s2', 25], ['s3', 40]] as const) {
    sent.push(await sendEvent({ type: 'order.placed', source: '/shop', id, subject: id, data: { orderId: id, total } }));
  }
  await settled(ctx);
  const rows = await query(ctx, `select r.status from runs r where workflow_id = $1`, [workflowId]);
  expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  expect(requests).toBe(6);
  from = before((await eventRow(ctx, sent[0].seq)).received_at);
  to = after((await eventRow(ctx, sent[2].seq)).received_at);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const counts = async () => (await query(ctx, `select (select count(*)::int from runs) as runs, (select count(*)::int from events where source <> '/audit') as events, (select count(*)::int from steps) as steps`))[0];

async function shadowOf(draft: unknown) {
  expect((await callApi('PUT', `/api/workflows/${workflowId}`, { body: draft })).status).toBe(200);
  const dry = await callApi('POST', '/api/replays', { body: { from: iso(from), to: iso(to), workflowIds: [workflowId], version: 'draft', dryRun: true } });
  expect(dry.body).toMatchObject({ events: 3, runs: 3 });
  const replay = await startReplay({ from: iso(from), to: iso(to), workflowIds: [workflowId], version: 'draft' });
  expect(replay.kind).toBe('shadow');
  const done = await waitForReplay(replay.id);
  expect(done.progress).toMatchObject({ events: { done: 3, total: 3 }, compared: 3 });
  const diff = await callApi('GET', `/api/replays/${replay.id}/diff?all=true`);
  expect(diff.status, JSON.stringify(diff.body)).toBe(200);
  return diff.body;
}

const verdicts = (nodes: { nodeId: string; same: number; changed: number; new: number; missing: number }[]) =>
  Object.fromEntries(nodes.map((n) => [n.nodeId, Object.entries(n).filter(([k, v]) => k !== 'nodeId' && k !== 'workflowId' && v).map(([k, v]) => `${k}:${v}`).join(' ')]));

describe('a shadow replay of a draft', () => {
  it('reports exactly the changed transform, with a JSON diff, and nothing leaves the system', async () => {
    const before = await counts();
    const diff = await shadowOf(document('{ "total": event.data.total, "vat": event.data.total * 0.2 }'));
    expect(verdicts(diff.nodes)).toEqual({
      placed: 'same:3', shape: 'changed:3', call: 'same:3', tail: 'same:3', fetcher: 'same:3', calc: 'same:3', announce: 'same:3',
    });
    const first = diff.items.find((i: { event: { id: string } }) => i.event.id === 's2');
    const shape = first.nodes.find((n: { nodeId: string }) => n.nodeId === 'shape');
    expect(shape).toMatchObject({ verdict: 'changed', before: { output: { total: 25 } }, after: { output: { total: 25, vat: 5 } } });
    expect(shape.diff).toEqual([{ path: '$.output.vat', kind: 'added', after: 5 }]);
    // the side-effecting nodes were not run but taken from the original runs
    expect(first.nodes.find((n: { nodeId: string }) => n.nodeId === 'call')).toMatchObject({ verdict: 'same', recorded: true });
    expect(first.originalRunId).toEqual(expect.any(String));
    // no HTTP request reached the server (neither the http step nor the code step's fetch), and nothing was stored but the comparison
    expect(requests).toBe(6);
    expect(await counts()).toEqual(before);
  });

  it('reports new and missing nodes of a changed graph', async () => {
    const diff = await shadowOf(document(SHAPE_V1, { extra: true, dropCalc: true }));
    expect(verdicts(diff.nodes)).toMatchObject({ shape: 'same:3', extra: 'new:3', calc: 'missing:3', announce: 'same:3' });
    const only = await callApi('GET', `/api/replays/${diff.replayId}/diff?nodeId=calc`);
    expect(only.body.items).toHaveLength(3);
    expect(only.body.items[0].nodes.map((n: { nodeId: string }) => n.nodeId).sort()).toEqual(['calc', 'extra']);
    expect(requests).toBe(6);
  });

  it('refuses a diff for a replay that is not a shadow, and a shadow of an unknown workflow', async () => {
    const replay = await startReplay({ from: iso(from), to: iso(to), workflowIds: [workflowId], version: 'pinned', type: 'nothing.here' });
    expectError(await callApi('GET', `/api/replays/${replay.id}/diff`), 400, /only a shadow replay/);
    expectError(await callApi('POST', '/api/replays', { body: { from: iso(from), to: iso(to), workflowIds: ['00000000-0000-4000-8000-000000000000'], version: 'draft' } }), 404);
    await waitFor(async () => (await callApi('GET', `/api/replays/${replay.id}`)).body.status === 'completed', { what: 'the empty replay' });
  });
});
