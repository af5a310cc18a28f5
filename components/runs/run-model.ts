/**
 * A run as its page holds it, and its recorded history: merging live changes into steps, and the
 * state of every node at any instant (the time-travel scrubber). Pure.
 */
import type { WorkflowDocument } from '@/lib/engine/graph';
import type { LeanStep, RunViewData } from '@/lib/live/run-view';
import type { RunUpdated, StepUpdated } from '@/lib/live/types';
import type { StepStatus } from '@/components/editor/overlay';

export type StepView = LeanStep;
export type RunInfo = RunViewData['run'];

const ms = (s: string | null | undefined) => (s ? Date.parse(s) : NaN);

export function mergeRun(run: RunInfo, m: RunUpdated): RunInfo {
  const next: RunInfo = { ...run, status: m.status };
  if (m.startedAt !== undefined) next.startedAt = m.startedAt ?? run.startedAt;
  if (m.finishedAt !== undefined) next.finishedAt = m.finishedAt;
  else if (m.status === 'running' || m.status === 'waiting') next.finishedAt = null;
  if (m.error !== undefined) next.error = m.error;
  else if (m.status !== 'failed') next.error = null;
  return next;
}

export function mergeStep(prev: StepView | undefined, m: StepUpdated): StepView {
  // attempts only grow: a message about an earlier attempt that arrives late is stale
  if (prev && m.attempt !== undefined && m.attempt < prev.attempt) return prev;
  const next: StepView = prev
    ? { ...prev, status: m.status }
    : { nodeId: m.nodeId, status: m.status, attempt: 0, handle: null, error: null, dueAt: null, startedAt: null, finishedAt: null };
  if (m.attempt !== undefined) next.attempt = m.attempt;
  if (m.handle !== undefined) next.handle = m.handle;
  // a step's first start is kept across attempts, as the database keeps it
  if (m.startedAt !== undefined) next.startedAt = next.startedAt ?? m.startedAt;
  if (m.finishedAt !== undefined) next.finishedAt = m.finishedAt;
  else if (m.status === 'pending' || m.status === 'running' || m.status === 'waiting') next.finishedAt = null;
  if (m.dueAt !== undefined) next.dueAt = m.dueAt;
  if (m.error !== undefined) next.error = m.error;
  else if (m.status === 'succeeded') next.error = null;
  if (m.status === 'waiting') {
    next.waitingSince = prev?.status === 'waiting' ? prev.waitingSince ?? m.at : m.at;
    if (m.waitingFor) next.waitingFor = m.waitingFor;
  }
  return next;
}

/** Node types whose steps spend their time waiting rather than running. */
const WAITING_TYPES = new Set(['delay', 'wait_for_event']);

/** The state a step had at instant `t` (ms), from its recorded timings; undefined: not reached yet. */
export function statusAt(step: StepView, t: number, nodeType: string | undefined): StepStatus | undefined {
  const start = ms(step.startedAt);
  const end = ms(step.finishedAt);
  if (step.status === 'skipped') return !Number.isNaN(end) && t >= end ? 'skipped' : undefined;
  if (!Number.isNaN(end) && t >= end) return step.status;
  if (Number.isNaN(start) || t < start) return undefined;
  const waitFrom = ms(step.waitingSince);
  if ((nodeType && WAITING_TYPES.has(nodeType)) || step.status === 'waiting') {
    if (Number.isNaN(waitFrom) || t >= waitFrom) return 'waiting';
  }
  if (Number.isNaN(end) && step.status === 'pending') return 'pending';
  return 'running';
}

/** Every instant at which some step changed state, in order: the stops of "step by step". */
export function historyInstants(steps: Iterable<StepView>): number[] {
  const set = new Set<number>();
  for (const s of steps) {
    for (const v of [ms(s.startedAt), ms(s.waitingSince), ms(s.finishedAt)]) if (!Number.isNaN(v)) set.add(v);
  }
  return [...set].sort((a, b) => a - b);
}

/** When the run began and ended (or now, while it goes on). */
export function runSpan(run: RunInfo, steps: Iterable<StepView>, now: number): { from: number; to: number } {
  let from = ms(run.createdAt);
  let to = ms(run.finishedAt);
  for (const s of steps) {
    const start = ms(s.startedAt);
    if (!Number.isNaN(start) && start < from) from = start;
    const end = ms(s.finishedAt);
    if (!Number.isNaN(end) && (Number.isNaN(to) || end > to)) to = end;
  }
  if (!run.finishedAt) to = Math.max(Number.isNaN(to) ? from : to, now);
  return { from, to: Math.max(to, from + 1) };
}

/** Statuses of all nodes at `t` (undefined: as they are now), with the output handle of each finished one. */
export function statusesAt(steps: ReadonlyMap<string, StepView>, doc: WorkflowDocument, t: number | undefined) {
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const statuses = new Map<string, StepStatus>();
  const handles = new Map<string, string>();
  for (const [nodeId, s] of steps) {
    const status = t === undefined ? s.status : statusAt(s, t, types.get(nodeId));
    if (!status) continue;
    statuses.set(nodeId, status);
    if ((status === 'succeeded' || status === 'failed') && s.handle) handles.set(nodeId, s.handle);
  }
  return { statuses, handles };
}

/** The edges a run went along: from a finished step, out of the handle it took. */
export function takenEdges(doc: WorkflowDocument, handles: ReadonlyMap<string, string>): string[] {
  return doc.edges.filter((e) => handles.get(e.source) === (e.sourceHandle ?? 'out')).map((e) => e.id);
}

const clock = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** What a waiting node shows under its status: what it waits for, and until when. */
export function waitNote(step: StepView, doc: WorkflowDocument): string | undefined {
  if (step.status !== 'waiting') return undefined;
  const node = doc.nodes.find((n) => n.id === step.nodeId);
  const config = (node?.config ?? {}) as { eventType?: unknown };
  const what = step.waitingFor ?? (node?.type === 'wait_for_event' && typeof config.eventType === 'string' ? config.eventType : undefined);
  if (what) return step.dueAt ? `for ${what} until ${clock(step.dueAt)}` : `for ${what}`;
  return step.dueAt ? `until ${clock(step.dueAt)}` : undefined;
}

export function formatDuration(msValue: number): string {
  if (!Number.isFinite(msValue) || msValue < 0) return '—';
  if (msValue < 1000) return `${Math.round(msValue)} ms`;
  if (msValue < 60_000) return `${(msValue / 1000).toFixed(msValue < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(msValue / 60_000);
  return `${m} min ${Math.round((msValue % 60_000) / 1000)} s`;
}

export function stepDuration(step: StepView, now: number): number {
  const start = ms(step.startedAt);
  if (Number.isNaN(start)) return NaN;
  const end = ms(step.finishedAt);
  return (Number.isNaN(end) ? now : end) - start;
}
