/**
 * Undo and redo as snapshots of immutable state (cheap: unchanged nodes are shared). Edits of
 * one field in quick succession join one step, as do the callbacks of one synchronous batch.
 */
const LIMIT = 200;
/** Edits with the same key closer together than this are one undo step (typing). */
const COALESCE_MS = 1000;

export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private last: { key?: string; at: number } = { at: 0 };
  private tickKey: string | undefined;

  constructor(private readonly now: () => number) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /**
   * Keeps `current` (the state before a change) for undo. A `key` equal to the previous one
   * within COALESCE_MS joins that step; with `sameTick`, calls of one synchronous batch do.
   */
  record(current: T, key?: string, sameTick = false): void {
    if (sameTick && this.tickKey === key) return;
    const at = this.now();
    if (key && !sameTick && this.last.key === key && at - this.last.at < COALESCE_MS) {
      this.last.at = at;
      return;
    }
    this.past.push(current);
    if (this.past.length > LIMIT) this.past.shift();
    this.future = [];
    this.last = { key, at };
    if (sameTick) {
      this.tickKey = key;
      queueMicrotask(() => {
        this.tickKey = undefined;
      });
    }
  }

  /** The state to go back to, given the current one (kept for redo); undefined at the start. */
  undo(current: T): T | undefined {
    const prev = this.past.pop();
    if (prev === undefined) return undefined;
    this.future.push(current);
    this.last = { at: 0 };
    return prev;
  }

  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(current);
    this.last = { at: 0 };
    return next;
  }
}
