/**
 * Per-key throttling of updates: the first change of a key shows at once; later changes within
 * `intervalMs` wait their turn, one per interval, so a step that goes running -> waiting within a
 * millisecond still shows both, a tenth of a second apart. At most `depth` changes wait per key:
 * beyond that the newest replaces the last waiting one, so a node that flips states quickly is
 * redrawn at most 1000 / intervalMs times a second and always ends on its newest state. Every other
 * node stays immediate. Pure (the clock and timers are parameters), testable without a browser.
 */
export interface CoalescerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` soon, after the current task (batching what arrived together). */
  soon(fn: () => void): void;
}

export const browserClock: CoalescerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  soon: (fn) => queueMicrotask(fn),
};

export class Coalescer<T> {
  private lastShown = new Map<string, number>();
  private due = new Map<string, T[]>();
  private immediate = new Map<string, T>();
  private timer: unknown = null;
  private flushQueued = false;

  constructor(
    private readonly deliver: (batch: ReadonlyMap<string, T>) => void,
    private readonly intervalMs = 100,
    private readonly clock: CoalescerClock = browserClock,
    private readonly depth = 3,
  ) {}

  /** Counts a key as just shown (drawn by other means), so that its next change waits its turn. */
  mark(key: string): void {
    this.lastShown.set(key, this.clock.now());
  }

  push(key: string, value: T): void {
    const last = this.lastShown.get(key);
    if (!this.due.has(key) && (last === undefined || this.clock.now() - last >= this.intervalMs)) {
      this.immediate.set(key, value);
      this.lastShown.set(key, this.clock.now());
      if (!this.flushQueued) {
        this.flushQueued = true;
        this.clock.soon(() => this.flushImmediate());
      }
      return;
    }
    // a change within the interval: shown when its turn comes
    const queue = this.due.get(key) ?? [];
    if (queue.length >= this.depth) queue[queue.length - 1] = value;
    else queue.push(value);
    this.due.set(key, queue);
    this.schedule();
  }

  private flushImmediate(): void {
    this.flushQueued = false;
    if (this.immediate.size === 0) return;
    const batch = this.immediate;
    this.immediate = new Map();
    this.deliver(batch);
  }

  private schedule(): void {
    if (this.timer !== null) return;
    let next = Infinity;
    for (const key of this.due.keys()) next = Math.min(next, (this.lastShown.get(key) ?? 0) + this.intervalMs);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.flushDue();
    }, Math.max(0, next - this.clock.now()));
  }

  private flushDue(): void {
    const now = this.clock.now();
    const batch = new Map<string, T>();
    for (const [key, queue] of this.due) {
      if (now - (this.lastShown.get(key) ?? 0) >= this.intervalMs - 1) {
        batch.set(key, queue.shift()!);
        this.lastShown.set(key, now);
        if (queue.length === 0) this.due.delete(key);
      }
    }
    if (batch.size > 0) this.deliver(batch);
    if (this.due.size > 0) this.schedule();
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.due.clear();
    this.immediate.clear();
  }
}
