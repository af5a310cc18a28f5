/**
 * The run page's live state: the run, its steps and the events it emitted. Changes from the stream
 * are merged at once; what is drawn follows through a per-node coalescer (at most ~10 redraws a
 * second per node), so a busy run costs the browser little.
 */
import type { LiveEventSummary, LiveMessage } from '@/lib/live/types';
import { Coalescer } from '@/components/live/coalesce';
import { mergeRun, mergeStep, type RunInfo, type StepView } from './run-model';

export interface RunSnapshot {
  run: RunInfo;
  /** The steps as drawn (coalesced). */
  steps: ReadonlyMap<string, StepView>;
  emitted: readonly LiveEventSummary[];
  /** Bumped on every redraw. */
  version: number;
}

const REDRAW_MS = 100;

export class RunLiveStore {
  private snapshot: RunSnapshot;
  private listeners = new Set<() => void>();
  private latest = new Map<string, StepView>();
  private coalescer: Coalescer<StepView>;

  constructor(run: RunInfo, steps: readonly StepView[], emitted: readonly LiveEventSummary[]) {
    for (const s of steps) this.latest.set(s.nodeId, s);
    this.snapshot = { run, steps: new Map(this.latest), emitted, version: 0 };
    this.coalescer = new Coalescer((batch) => {
      const drawn = new Map(this.snapshot.steps);
      for (const [nodeId, step] of batch) drawn.set(nodeId, step);
      this.set({ steps: drawn });
    }, REDRAW_MS);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  };

  getSnapshot = () => this.snapshot;

  /** The newest state of a step, even if not drawn yet. */
  latestStep(nodeId: string): StepView | undefined {
    return this.latest.get(nodeId);
  }

  apply(messages: readonly LiveMessage[]): void {
    const { run } = this.snapshot;
    let nextRun = run;
    let emitted = this.snapshot.emitted;
    for (const m of messages) {
      if (m.type === 'run.updated' && m.runId === run.id) nextRun = mergeRun(nextRun, m);
      else if (m.type === 'step.updated' && m.runId === run.id) {
        const merged = mergeStep(this.latest.get(m.nodeId), m);
        this.latest.set(m.nodeId, merged);
        this.coalescer.push(m.nodeId, merged);
      } else if (m.type === 'event.appended' && m.emittedBy?.runId === run.id && !emitted.some((e) => e.seq === m.event.seq)) {
        emitted = [...emitted, m.event].sort((a, b) => a.seq - b.seq);
      }
    }
    if (nextRun !== run || emitted !== this.snapshot.emitted) this.set({ run: nextRun, emitted });
  }

  private set(patch: Partial<RunSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch, version: this.snapshot.version + 1 };
    for (const l of this.listeners) l();
  }

  dispose(): void {
    this.coalescer.dispose();
  }
}
