import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '@/lib/engine/graph';
import type { LoggedEvent } from '@/lib/events/types';
import { firstSteps } from '@/lib/runs/first-steps';
import type { LoadedVersion } from '@/lib/runs/versions';
import { graph } from '../engine/graph-builder';

const event = { seq: 7, id: 'e-1', source: '/shop', type: 'order.placed', specversion: '1.0', receivedAt: '2026-11-27T00:00:00.000Z', data: { total: 40 } } as LoggedEvent;
const runId = '00000000-0000-4000-8000-000000000001';
const later = Date.now() + 60_000;

function loaded(document: WorkflowDocument): LoadedVersion {
  return { id: 'v1', workflowId: 'w1', version: 3, document, nodes: new Map(document.nodes.map((n) => [n.id, n])), incoming: new Map() };
}

function start(document: WorkflowDocument, deadline = later) {
  const version = loaded(document);
  return firstSteps({ event, version, trigger: version.nodes.get('t')!, runId }, deadline);
}

const outputs = (r: Awaited<ReturnType<typeof start>>) => Object.fromEntries(r.done.map((d) => [d.nodeId, d.output]));

describe('firstSteps', () => {
  it('evaluates a chain of computing steps, each seeing the event, the run and the outputs before it', async () => {
    const doc = graph().trigger('t')
      .node('a', 'transform', { expression: 'event.data.total * 2' })
      .node('b', 'transform', { expression: '{ "double": steps.a, "run": run.id, "version": run.version, "seq": steps.t.seq }' })
      .chain('t', 'a', 'b').build();
    const r = await start(doc);
    expect(r.ready).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(outputs(r)).toEqual({ a: 80, b: { double: 80, run: runId, version: 3, seq: 7 } });
    expect(r.done.map((d) => [d.nodeId, d.handle, d.input])).toEqual([['a', 'out', { expression: 'event.data.total * 2' }], ['b', 'out', doc.nodes[2].config]]);
    for (const d of r.done) expect(Date.parse(d.finishedAt)).toBeGreaterThanOrEqual(Date.parse(d.startedAt));
  });

  it('follows the handle a condition or switch takes and skips the other branches', async () => {
    const doc = graph().trigger('t')
      .condition('big', 'event.data.total > 30')
      .node('yes', 'transform', { expression: '"big"' })
      .node('no', 'transform', { expression: '"small"' })
      .node('route', 'switch', { cases: [{ id: 'eu', expression: 'false' }, { id: 'us', expression: 'steps.yes = "big"' }] })
      .node('eu', 'transform', { expression: '"eu"' })
      .node('us', 'transform', { expression: '"us"' })
      .edge('t', 'big').edge('big:true', 'yes').edge('big:false', 'no').edge('yes', 'route').edge('route:eu', 'eu').edge('route:us', 'us')
      .build();
    const r = await start(doc);
    expect(r.ready).toEqual([]);
    expect(r.skipped.sort()).toEqual(['eu', 'no']);
    expect(r.done.map((d) => [d.nodeId, d.handle])).toEqual([['big', 'true'], ['yes', 'out'], ['route', 'us'], ['us', 'out']]);
  });

  it('runs both branches of a fan-out before their join', async () => {
    const doc = graph().trigger('t')
      .node('a', 'transform', { expression: '1' }).node('b', 'transform', { expression: '2' })
      .node('sum', 'transform', { expression: 'steps.a + steps.b' })
      .edge('t', 'a').edge('t', 'b').edge('a', 'sum').edge('b', 'sum').build();
    expect(outputs(await start(doc))).toEqual({ a: 1, b: 2, sum: 3 });
  });

  it('stops at the first step that acts on the world or waits, and evaluates nothing behind it', async () => {
    const doc = graph().trigger('t')
      .node('a', 'transform', { expression: '1' })
      .node('call', 'http', { method: 'POST', url: 'https://example.com/hook' })
      .node('after', 'transform', { expression: '2' })
      .node('pause', 'delay', { duration: '5s' })
      .edge('t', 'a').edge('a', 'call').edge('call', 'after').edge('t', 'pause').build();
    const r = await start(doc);
    expect(r.done.map((d) => d.nodeId)).toEqual(['a']);
    expect(r.ready).toEqual(['call', 'pause']);
  });

  it('leaves a step that throws, or whose output cannot be stored, to run (and fail) the durable way', async () => {
    const throws = graph().trigger('t').node('bad', 'transform', { expression: '$error("no")' }).node('after', 'transform', { expression: '1' }).chain('t', 'bad', 'after').build();
    expect(await start(throws)).toEqual({ done: [], ready: ['bad'], skipped: [] });
    const nul = graph().trigger('t').node('nul', 'transform', { expression: '"a\\u0000b"' }).chain('t', 'nul').build();
    expect(await start(nul)).toEqual({ done: [], ready: ['nul'], skipped: [] });
  });

  it('leaves a step that mentions secrets to the worker, which alone loads them', async () => {
    const doc = graph().trigger('t').node('s', 'transform', { expression: 'secrets.TOKEN' }).chain('t', 's').build();
    expect((await start(doc)).ready).toEqual(['s']);
  });

  it('evaluates nothing past its deadline: the steps are left ready', async () => {
    const doc = graph().trigger('t').trigger('other', 'order.paid').node('a', 'transform', { expression: '1' }).chain('t', 'a').edge('other', 'a').build();
    expect(await start(doc, Date.now() - 1)).toEqual({ done: [], ready: ['a'], skipped: ['other'] });
  });
});
