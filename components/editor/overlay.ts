/**
 * What is drawn over the graph without being part of it: validation problems per node and,
 * on a run's canvas, each step's status. Kept apart from the graph store so that a node card
 * re-renders when its own problems or status change, not on every frame of a drag.
 */
import type { Problem } from '@/lib/engine/validate';

export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

const NONE: readonly Problem[] = [];

export class OverlayStore {
  private listeners = new Set<() => void>();
  private problemList: readonly Problem[] = NONE;
  private byNode = new Map<string, readonly Problem[]>();
  private statuses = new Map<string, StepStatus>();
  private notes = new Map<string, string>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  problems = (): readonly Problem[] => this.problemList;

  problemsOf = (nodeId: string): readonly Problem[] => this.byNode.get(nodeId) ?? NONE;

  statusOf = (nodeId: string): StepStatus | undefined => this.statuses.get(nodeId);

  /** A line under a node's status on a run's canvas (what a waiting step waits for, and until when). */
  noteOf = (nodeId: string): string | undefined => this.notes.get(nodeId);

  /** Keeps each node's previous array when its problems did not change, so its card stays put. */
  setProblems(problems: readonly Problem[]): void {
    const grouped = new Map<string, Problem[]>();
    for (const p of problems) {
      if (p.nodeId === undefined) continue;
      const list = grouped.get(p.nodeId) ?? [];
      list.push(p);
      grouped.set(p.nodeId, list);
    }
    const byNode = new Map<string, readonly Problem[]>();
    for (const [id, list] of grouped) {
      const prev = this.byNode.get(id);
      byNode.set(id, prev && sameProblems(prev, list) ? prev : list);
    }
    this.problemList = problems.length === 0 ? NONE : problems;
    this.byNode = byNode;
    this.emit();
  }

  setStatuses(statuses: ReadonlyMap<string, StepStatus>, notes?: ReadonlyMap<string, string>): void {
    this.statuses = new Map(statuses);
    this.notes = new Map(notes);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => p.code === b[i].code && p.message === b[i].message);
}
