import { describe, expect, it } from 'vitest';
import { advanceCursor, decodeLiveCursor, encodeLiveCursor } from '@/lib/live/cursor';
import { compileFilter, streamQuerySchema } from '@/lib/live/filter';
import { emitterOf } from '@/lib/live/changes';
import type { EventAppended, StepUpdated } from '@/lib/live/types';

const runId = '11111111-1111-4111-8111-111111111111';
const wf = '22222222-2222-4222-8222-222222222222';
const other = '33333333-3333-4333-8333-333333333333';
const event = (type: string, extra: Partial<EventAppended> = {}): EventAppended => ({
  type: 'event.appended', at: '2026-01-01T00:00:00.000Z', runs: [],
  event: { seq: 5, id: 'e', source: '/shop', type, receivedAt: '2026-01-01T00:00:00.000Z', correlationid: 'root' }, ...extra,
});
const step: StepUpdated = { type: 'step.updated', at: '2026-01-01T00:00:00.000Z', runId, workflowId: wf, nodeId: 'n', status: 'running', attempt: 1 };

describe('stream filters', () => {
  const parse = (q: Record<string, string>) => compileFilter(streamQuerySchema.parse(q));

  it('keeps the types asked for', () => {
    expect(parse({ type: 'event.appended' })(step)).toBe(false);
    expect(parse({ type: 'step.updated,run.updated' })(step)).toBe(true);
    expect(streamQuerySchema.safeParse({ type: 'step.changed' }).success).toBe(false);
  });

  it('matches events by type pattern, source, subject and correlation id', () => {
    expect(parse({ eventType: 'order.*' })(event('order.placed'))).toBe(true);
    expect(parse({ eventType: 'order.*' })(event('order.placed.eu'))).toBe(false);
    expect(parse({ eventType: 'order.**' })(event('order.placed.eu'))).toBe(true);
    expect(parse({ source: '/shop' })(event('a'))).toBe(true);
    expect(parse({ source: '/other' })(event('a'))).toBe(false);
    expect(parse({ correlationId: 'root' })(event('a'))).toBe(true);
    expect(parse({ correlationId: 'nope' })(event('a'))).toBe(false);
  });

  it('matches events to a workflow or run through the runs they started or the run that emitted them', () => {
    expect(parse({ workflowId: wf })(event('a'))).toBe(false);
    expect(parse({ workflowId: wf })(event('a', { runs: [{ id: runId, workflowId: wf }] }))).toBe(true);
    expect(parse({ runId })(event('a', { emittedBy: { runId, workflowId: wf, nodeId: 'emit' } }))).toBe(true);
    expect(parse({ runId: other })(event('a', { emittedBy: { runId, workflowId: wf, nodeId: 'emit' } }))).toBe(false);
    expect(parse({ workflowId: other })(step)).toBe(false);
    expect(parse({ runId })(step)).toBe(true);
  });
});

describe('stream cursors', () => {
  it('round-trip and refuse anything else', () => {
    expect(decodeLiveCursor(encodeLiveCursor({ seq: 42, ms: 1767225600000 }))).toEqual({ seq: 42, ms: 1767225600000 });
    expect(decodeLiveCursor('42')).toBeUndefined();
    expect(decodeLiveCursor('x-1')).toBeUndefined();
    expect(decodeLiveCursor(undefined)).toBeUndefined();
  });

  it('never go back', () => {
    const c = advanceCursor({ seq: 10, ms: 1000 }, 7, new Date(500).toISOString());
    expect(c).toEqual({ seq: 10, ms: 1000 });
    expect(advanceCursor(c, 11, new Date(2000).toISOString())).toEqual({ seq: 11, ms: 2000 });
  });
});

describe('the run that emitted an event', () => {
  it('is read from the id and source an emit step gives it', () => {
    expect(emitterOf({ id: `${runId}:notify`, source: `/workflows/${wf}` })).toEqual({ runId, workflowId: wf, nodeId: 'notify' });
    expect(emitterOf({ id: `${runId}:notify`, source: '/shop' })).toBeUndefined();
    expect(emitterOf({ id: 'ord-1', source: `/workflows/${wf}` })).toBeUndefined();
  });
});
