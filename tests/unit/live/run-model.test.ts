import { describe, expect, it } from 'vitest';
import { historyInstants, mergeStep, statusAt, statusesAt, takenEdges, type StepView } from '@/components/runs/run-model';
import type { WorkflowDocument } from '@/lib/engine/graph';

const t0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(t0 + ms).toISOString();
const step = (nodeId: string, fields: Partial<StepView>): StepView => ({
  nodeId, status: 'succeeded', attempt: 1, handle: 'out', error: null, dueAt: null, startedAt: null, finishedAt: null, ...fields,
});

//   start ──> prepare ──> pause (delay) ──> finish
//                  └──false──> other (skipped)
const doc: WorkflowDocument = {
  name: 'scrub',
  nodes: [
    { id: 'start', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'a' } },
    { id: 'prepare', type: 'condition', position: { x: 0, y: 0 }, config: { expression: 'true' } },
    { id: 'pause', type: 'delay', position: { x: 0, y: 0 }, config: { duration: '1s' } },
    { id: 'finish', type: 'transform', position: { x: 0, y: 0 }, config: { expression: '1' } },
    { id: 'other', type: 'transform', position: { x: 0, y: 0 }, config: { expression: '1' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'prepare' },
    { id: 'e2', source: 'prepare', target: 'pause', sourceHandle: 'true' },
    { id: 'e3', source: 'pause', target: 'finish' },
    { id: 'e4', source: 'prepare', target: 'other', sourceHandle: 'false' },
  ],
};

const steps = new Map<string, StepView>([
  ['start', step('start', { startedAt: iso(0), finishedAt: iso(5) })],
  ['prepare', step('prepare', { handle: 'true', startedAt: iso(10), finishedAt: iso(20) })],
  ['other', step('other', { status: 'skipped', handle: null, attempt: 0, finishedAt: iso(20) })],
  ['pause', step('pause', { startedAt: iso(25), finishedAt: iso(1025) })],
  ['finish', step('finish', { startedAt: iso(1030), finishedAt: iso(1040) })],
]);

describe('the recorded history of a run', () => {
  it('gives each node its state at an instant: not reached, running, waiting, finished, skipped', () => {
    const at = (ms: number) => Object.fromEntries(statusesAt(steps, doc, t0 + ms).statuses);
    expect(at(15)).toEqual({ start: 'succeeded', prepare: 'running' });
    expect(at(500)).toEqual({ start: 'succeeded', prepare: 'succeeded', other: 'skipped', pause: 'waiting' });
    expect(at(1035)).toEqual({ start: 'succeeded', prepare: 'succeeded', other: 'skipped', pause: 'succeeded', finish: 'running' });
    expect(statusesAt(steps, doc, undefined).statuses.get('finish')).toBe('succeeded');
  });

  it('lights the edges of the handles taken, up to the instant', () => {
    expect(takenEdges(doc, statusesAt(steps, doc, t0 + 500).handles)).toEqual(['e1', 'e2']);
    expect(takenEdges(doc, statusesAt(steps, doc, undefined).handles)).toEqual(['e1', 'e2', 'e3']);
  });

  it('lists every change once, in order, for stepping', () => {
    expect(historyInstants(steps.values()).map((t) => t - t0)).toEqual([0, 5, 10, 20, 25, 1025, 1030, 1040]);
  });

  it('shows a failed-and-retried step as pending between attempts, and a wait from when it began', () => {
    const retrying = step('charge', { status: 'pending', attempt: 1, startedAt: iso(0), finishedAt: null, dueAt: iso(500) });
    expect(statusAt(retrying, t0 + 100, 'http')).toBe('pending');
    const waiting = step('w', { status: 'waiting', startedAt: iso(0), waitingSince: iso(50) });
    expect(statusAt(waiting, t0 + 10, 'wait_for_event')).toBe('running');
    expect(statusAt(waiting, t0 + 60, 'wait_for_event')).toBe('waiting');
  });
});

describe('merging live changes', () => {
  it('keeps the first start across attempts, clears the error on success and notes when waiting began', () => {
    let s = mergeStep(undefined, { type: 'step.updated', at: iso(0), runId: 'r', workflowId: 'w', nodeId: 'n', status: 'pending', attempt: 0 });
    s = mergeStep(s, { type: 'step.updated', at: iso(1), runId: 'r', workflowId: 'w', nodeId: 'n', status: 'running', attempt: 1, startedAt: iso(1) });
    s = mergeStep(s, { type: 'step.updated', at: iso(2), runId: 'r', workflowId: 'w', nodeId: 'n', status: 'pending', attempt: 1, error: { message: 'boom' }, dueAt: iso(100) });
    s = mergeStep(s, { type: 'step.updated', at: iso(100), runId: 'r', workflowId: 'w', nodeId: 'n', status: 'running', attempt: 2, startedAt: iso(100) });
    expect(s).toMatchObject({ status: 'running', attempt: 2, startedAt: iso(1), error: { message: 'boom' } });
    s = mergeStep(s, { type: 'step.updated', at: iso(101), runId: 'r', workflowId: 'w', nodeId: 'n', status: 'waiting', dueAt: iso(900) });
    expect(s.waitingSince).toBe(iso(101));
    s = mergeStep(s, { type: 'step.updated', at: iso(900), runId: 'r', workflowId: 'w', nodeId: 'n', status: 'succeeded', handle: 'out', finishedAt: iso(900) });
    expect(s).toMatchObject({ status: 'succeeded', attempt: 2, error: null, finishedAt: iso(900), waitingSince: iso(101) });
  });
});
