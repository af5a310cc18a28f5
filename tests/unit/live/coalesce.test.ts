import { describe, expect, it } from 'vitest';
import { Coalescer, type CoalescerClock } from '@/components/live/coalesce';

/** A clock the test moves by hand; `soon` work runs when the test flushes it. */
function manualClock() {
  let now = 0;
  let soon: (() => void)[] = [];
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: CoalescerClock = {
    now: () => now,
    setTimeout: (fn, ms) => { const id = nextId++; timers.push({ at: now + ms, fn, id }); return id; },
    clearTimeout: (id) => { const i = timers.findIndex((t) => t.id === id); if (i >= 0) timers.splice(i, 1); },
    soon: (fn) => { soon.push(fn); },
  };
  const flushSoon = () => { const run = soon; soon = []; run.forEach((f) => f()); };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { clock, flushSoon, advance };
}

function setup() {
  const t = manualClock();
  const shown: [number, string, string][] = [];
  const c = new Coalescer<string>((batch) => { for (const [k, v] of batch) shown.push([t.clock.now(), k, v]); }, 100, t.clock);
  return { ...t, c, shown };
}

describe('Coalescer', () => {
  it('shows the first change of each key at once, in one batch per task', () => {
    const { c, shown, flushSoon } = setup();
    c.push('a', 'running');
    c.push('b', 'running');
    expect(shown).toEqual([]);
    flushSoon();
    expect(shown).toEqual([[0, 'a', 'running'], [0, 'b', 'running']]);
  });

  it('shows quick successive states of one key one interval apart, in order', () => {
    const { c, shown, flushSoon, advance } = setup();
    c.push('pause', 'pending');
    flushSoon();
    advance(2);
    c.push('pause', 'running');
    advance(1);
    c.push('pause', 'waiting');
    advance(300);
    expect(shown).toEqual([[0, 'pause', 'pending'], [100, 'pause', 'running'], [200, 'pause', 'waiting']]);
  });

  it('redraws a flapping key at most ten times a second and ends on its newest state', () => {
    const { c, shown, flushSoon, advance } = setup();
    for (let i = 0; i < 1000; i++) {
      c.push('x', `s${i}`);
      if (i === 0) flushSoon();
      advance(1);
    }
    advance(1000);
    const times = shown.map(([t]) => t);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(99);
    expect(shown.filter(([t]) => t < 1000).length).toBeLessThanOrEqual(10);
    expect(shown[shown.length - 1][2]).toBe('s999');
  });

  it('keeps other keys immediate while one waits', () => {
    const { c, shown, flushSoon, advance } = setup();
    c.push('a', '1');
    flushSoon();
    advance(10);
    c.push('a', '2');
    c.push('b', '1');
    flushSoon();
    expect(shown).toEqual([[0, 'a', '1'], [10, 'b', '1']]);
    advance(100);
    expect(shown[2]).toEqual([100, 'a', '2']);
  });

  it('makes the next change of a key drawn by other means wait its turn', () => {
    const { c, shown, flushSoon, advance } = setup();
    c.mark('a');
    c.push('a', 'waiting');
    flushSoon();
    expect(shown).toEqual([]);
    advance(100);
    expect(shown).toEqual([[100, 'a', 'waiting']]);
  });
});
