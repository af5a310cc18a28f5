import { describe, expect, it } from 'vitest';
import { autoLayout } from '@/components/editor/layout';
import { toFlow } from '@/components/editor/to-graph';
import { node } from './graph-fixtures';

describe('auto-layout', () => {
  /**
   *   start ──▶ check ─true──▶ yes ──▶ join
   *                   └false─▶ no ───┘
   */
  it('lays the graph out in layers from left to right, the true branch above the false one, without overlaps', async () => {
    const { nodes, edges } = toFlow({
      nodes: [node('start', 'trigger.manual', 0), node('check', 'condition', 0, { expression: 'true' }),
        node('yes', 'transform', 0, { expression: '1' }), node('no', 'transform', 0, { expression: '2' }), node('join', 'transform', 0, { expression: '3' })],
      edges: [{ id: 'e1', source: 'start', target: 'check' }, { id: 'e2', source: 'check', target: 'no', sourceHandle: 'false' },
        { id: 'e3', source: 'check', target: 'yes', sourceHandle: 'true' }, { id: 'e4', source: 'yes', target: 'join' }, { id: 'e5', source: 'no', target: 'join' }],
    });
    const at = await autoLayout(nodes, edges);
    const p = (id: string) => at.get(id)!;
    expect(p('start').x).toBeLessThan(p('check').x);
    expect(p('check').x).toBeLessThan(p('yes').x);
    expect(p('yes').x).toBe(p('no').x);
    expect(p('yes').x).toBeLessThan(p('join').x);
    expect(p('yes').y).toBeLessThan(p('no').y);
    expect(p('no').y - p('yes').y).toBeGreaterThanOrEqual(76);
    expect([...at.values()].every((v) => Number.isInteger(v.x) && Number.isInteger(v.y))).toBe(true);
  });
});
