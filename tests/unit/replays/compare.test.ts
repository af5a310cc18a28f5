import { describe, expect, it } from 'vitest';
import { compareSteps, type StepOutcome } from '@/lib/shadow/compare';

const ok = (nodeId: string, output: unknown, handle = 'out'): StepOutcome => ({ nodeId, status: 'succeeded', handle, output, error: null });
const skipped = (nodeId: string): StepOutcome => ({ nodeId, status: 'skipped', handle: null, output: null, error: null });
const failed = (nodeId: string, message: string, attempt: number): StepOutcome =>
  ({ nodeId, status: 'failed', handle: 'out', output: { error: { message, attempt } }, error: { message, attempt } });

describe('compareSteps', () => {
  it('calls each node same, changed, new or missing, in the draft\'s order', () => {
    const original = [ok('t', { id: 1 }), ok('a', 1), ok('b', { x: 1 }), ok('gone', 'bye'), skipped('c')];
    const shadow = [ok('t', { id: 1 }), ok('a', 1), ok('b', { x: 2 }), ok('c', 'now runs'), ok('fresh', true)];
    const result = compareSteps(original, shadow, ['t', 'a', 'b', 'c', 'fresh']);
    expect(result.map((n) => `${n.nodeId}:${n.verdict}`)).toEqual(['t:same', 'a:same', 'b:changed', 'c:new', 'fresh:new', 'gone:missing']);
    expect(result[2].diff).toEqual([{ path: '$.output.x', kind: 'changed', before: 1, after: 2 }]);
  });

  it('counts a different handle as a change, and leaves out nodes neither side ran', () => {
    const result = compareSteps([ok('if', true, 'true'), skipped('no')], [ok('if', true, 'false'), skipped('no')], ['if', 'no']);
    expect(result).toEqual([expect.objectContaining({ nodeId: 'if', verdict: 'changed', diff: [{ path: '$.handle', kind: 'changed', before: 'true', after: 'false' }] })]);
  });

  it('compares failures by their message, not their attempt counts', () => {
    expect(compareSteps([failed('x', 'boom', 3)], [failed('x', 'boom', 1)], ['x'])[0].verdict).toBe('same');
    expect(compareSteps([failed('x', 'boom', 1)], [failed('x', 'bang', 1)], ['x'])[0].verdict).toBe('changed');
  });

  it('marks outcomes the shadow took from the recording', () => {
    const [call] = compareSteps([ok('call', { status: 200 })], [{ ...ok('call', { status: 200 }), recorded: true }], ['call']);
    expect(call).toEqual({ nodeId: 'call', verdict: 'same', recorded: true });
  });
});
