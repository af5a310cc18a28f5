import { describe, expect, it } from 'vitest';
import { isRunComplete, planNext, startRun, type FinishedMap } from '../../../lib/engine/plan';
import { graph, simulate } from './graph-builder';

const done = (handle = 'out') => ({ state: 'done' as const, handle });
const skipped = { state: 'skipped' as const };

describe('planNext', () => {
  //      ┌──► a
  //  t ──┼──► b
  //      └──► c
  it('fans out: every target of the trigger is ready at once', () => {
    const doc = graph().trigger('t').node('a').node('b').node('c').edge('t', 'a').edge('t', 'b').edge('t', 'c').build();
    expect(planNext(doc, startRun(doc, 't'))).toEqual({ ready: ['a', 'b', 'c'], skipped: [] });
  });

  //           ┌──► b ──┐
  //  t ──► a ─┤        ├──► d
  //           └──► c ──┘
  it('runs a diamond join once, after both branches', () => {
    const doc = graph().trigger('t').node('a').node('b').node('c').node('d')
      .chain('t', 'a').edge('a', 'b').edge('a', 'c').edge('b', 'd').edge('c', 'd').build();
    const f: FinishedMap = { t: done(), a: done() };
    expect(planNext(doc, f)).toEqual({ ready: ['b', 'c'], skipped: [] });
    expect(planNext(doc, { ...f, b: done() }, ['c'])).toEqual({ ready: [], skipped: [] });
    expect(planNext(doc, { ...f, b: done(), c: done() })).toEqual({ ready: ['d'], skipped: [] });
    expect(simulate(doc, 't').waves).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  //              true ┌──► x ──┐
  //  t ──► cond ──────┤        ├──► j
  //             false └──► y ──┘
  it('skips the branch a condition did not take and still runs the join after it', () => {
    const doc = graph().trigger('t').condition('cond').node('x').node('y').node('j')
      .edge('t', 'cond').edge('cond:true', 'x').edge('cond:false', 'y').edge('x', 'j').edge('y', 'j').build();
    expect(planNext(doc, { t: done(), cond: done('true') })).toEqual({ ready: ['x'], skipped: ['y'] });
    expect(planNext(doc, { t: done(), cond: done('true'), y: skipped, x: done() })).toEqual({ ready: ['j'], skipped: [] });
    const run = simulate(doc, 't', { cond: 'false' });
    expect(run.waves).toEqual([['cond'], ['y'], ['j']]);
    expect(run.skipped).toEqual(['x']);
  });

  //              a ┌──► pa
  //  t ──► sw ─────┼──► pb
  //              b │
  //        default └──► pd
  it('follows only the switch case that was taken', () => {
    const doc = graph().trigger('t').node('sw', 'switch').node('pa').node('pb').node('pd')
      .edge('t', 'sw').edge('sw:a', 'pa').edge('sw:b', 'pb').edge('sw:default', 'pd').build();
    expect(planNext(doc, { t: done(), sw: done('b') })).toEqual({ ready: ['pb'], skipped: ['pa', 'pd'] });
    expect(planNext(doc, { t: done(), sw: done('default') })).toEqual({ ready: ['pd'], skipped: ['pa', 'pb'] });
  });

  //              true ┌──► a ──┐
  //  t ──► c ─────────┤        ├──► j1 ──┐
  //                   └──► b ──┘         ├──► j2
  //             false ───────► f ────────┘
  it('resolves nested joins whichever way the condition goes', () => {
    const doc = graph().trigger('t').condition('c').node('a').node('b').node('j1').node('f').node('j2')
      .edge('t', 'c').edge('c:true', 'a').edge('c:true', 'b').edge('a', 'j1').edge('b', 'j1')
      .edge('j1', 'j2').edge('c:false', 'f').edge('f', 'j2').build();

    const no = simulate(doc, 't', { c: 'false' });
    expect(no.waves).toEqual([['c'], ['f'], ['j2']]);
    expect(no.skipped).toEqual(['a', 'b', 'j1']);

    const yes = simulate(doc, 't', { c: 'true' });
    expect(yes.waves).toEqual([['c'], ['a', 'b'], ['j1'], ['j2']]);
    expect(yes.skipped).toEqual(['f']);
    // j1 done but f skipped: j2 runs; with j1 still running it waits
    expect(planNext(doc, { t: done(), c: done('true'), a: done(), b: done(), f: skipped }, ['j1']).ready).toEqual([]);
  });

  //             true  ┌──► x ──┐
  //  t ──► c ─────────┤        ├──► j
  //                   └──► y ──┘
  //             false ───► z
  it('skips a join whose every input was skipped', () => {
    const doc = graph().trigger('t').condition('c').node('x').node('y').node('j').node('z')
      .edge('t', 'c').edge('c:true', 'x').edge('c:true', 'y').edge('x', 'j').edge('y', 'j').edge('c:false', 'z').build();
    expect(planNext(doc, { t: done(), c: done('false') })).toEqual({ ready: ['z'], skipped: ['x', 'y', 'j'] });
  });

  //             true
  //  t ──► c ────────► done_
  //         │ false
  //         └────────► a ──► b ──► c2 ──► d
  it('skips a whole dead chain in one call', () => {
    const doc = graph().trigger('t').condition('c').node('done_').node('a').node('b').node('c2').node('d')
      .edge('t', 'c').edge('c:true', 'done_').edge('c:false', 'a').chain('a', 'b', 'c2', 'd').build();
    const plan = planNext(doc, { t: done(), c: done('true') });
    expect(plan.ready).toEqual(['done_']);
    expect(plan.skipped.sort()).toEqual(['a', 'b', 'c2', 'd']);
  });

  //  t ──► c ──true──► a ──► b ──► j
  //        └───false─────────────► j      (nodes declared in reverse order)
  it('propagates skips whatever the order nodes are declared in', () => {
    const doc = graph().node('j').node('b').node('a').condition('c').trigger('t')
      .edge('t', 'c').edge('c:true', 'a').chain('a', 'b', 'j').edge('c:false', 'j').build();
    expect(planNext(doc, { t: done(), c: done('false') })).toEqual({ ready: ['j'], skipped: ['a', 'b'] });
  });

  //  t1 ──► a
  //  t2 ──► b ──► j ◄── a
  it('skips what only an unfired trigger leads to, and joins with it', () => {
    const doc = graph().trigger('t1').trigger('t2').node('a').node('b').node('j')
      .edge('t1', 'a').edge('t2', 'b').edge('a', 'j').edge('b', 'j').build();
    expect(startRun(doc, 't1')).toEqual({ t1: done(), t2: skipped });
    expect(planNext(doc, startRun(doc, 't1'))).toEqual({ ready: ['a'], skipped: ['b'] });
    expect(simulate(doc, 't2').waves).toEqual([['b'], ['j']]);
  });

  //  t ──► h (onError: branch) ──► ok
  //              └── error ──► handle
  it('routes by the error handle of a node with onError branch', () => {
    const doc = graph().trigger('t').node('h', 'http', {}, { onError: 'branch' }).node('ok').node('handle')
      .edge('t', 'h').edge('h', 'ok').edge('h:error', 'handle').build();
    expect(planNext(doc, { t: done(), h: done('error') })).toEqual({ ready: ['handle'], skipped: ['ok'] });
    expect(planNext(doc, { t: done(), h: done() })).toEqual({ ready: ['ok'], skipped: ['handle'] });
  });

  it('never plans a node that already has a step record', () => {
    const doc = graph().trigger('t').node('a').node('b').edge('t', 'a').edge('t', 'b').build();
    expect(planNext(doc, startRun(doc, 't'), new Set(['a']))).toEqual({ ready: ['b'], skipped: [] });
    expect(planNext(doc, { ...startRun(doc, 't'), a: done(), b: done() })).toEqual({ ready: [], skipped: [] });
  });

  //  t ──► a ──► wait ──► b
  //        ▲       │
  //        └─ timeout
  it('runs a loop body once: the edge closing a loop does not block its target', () => {
    const doc = graph().trigger('t').node('a').node('wait', 'wait_for_event').node('b')
      .chain('t', 'a', 'wait').edge('wait:received', 'b').edge('wait:timeout', 'a').build();
    const run = simulate(doc, 't', { wait: 'timeout' });
    expect(run.waves).toEqual([['a'], ['wait']]);
    expect(run.skipped).toEqual(['b']);
    expect(isRunComplete(doc, run.finished)).toBe(true);
  });

  it('skips a node that nothing leads to, so the run can complete', () => {
    const doc = graph().trigger('t').node('a').node('orphan').edge('t', 'a').build();
    expect(planNext(doc, startRun(doc, 't'))).toEqual({ ready: ['a'], skipped: ['orphan'] });
  });
});

describe('isRunComplete and startRun', () => {
  const doc = graph().trigger('t').node('a').node('b').chain('t', 'a', 'b').build();

  it('is complete only when every node is done or skipped', () => {
    expect(isRunComplete(doc, { t: done(), a: done() })).toBe(false);
    expect(isRunComplete(doc, { t: done(), a: done(), b: skipped })).toBe(true);
  });

  it('refuses to start a run from a node that is not a trigger', () => {
    expect(() => startRun(doc, 'a')).toThrow(/not a trigger/);
    expect(() => startRun(doc, 'nope')).toThrow(/not a trigger/);
  });
});
