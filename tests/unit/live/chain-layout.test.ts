import { describe, expect, it } from 'vitest';
import { layoutChain } from '@/components/events/chain-layout';

const ev = (seq: number) => ({ seq, id: `e${seq}`, source: '/s', type: 't', receivedAt: '2026-01-01T00:00:00.000Z' });
const run = (id: string) => ({ id, workflowId: 'w', workflowName: id, status: 'succeeded' as const, eventSeq: 1, createdAt: '2026-01-01T00:00:00.000Z' });

//   e1 ──> rA ──> e2 ──┐
//     └──> rB ──> e3 ──┴─(resumed)─> rC ──> e4
//     └─────────────────────────────> rC
describe('the causal chain layout', () => {
  it('puts each node one column after the furthest node that leads to it, in its parents\' order', () => {
    const placed = layoutChain({
      events: [ev(1), ev(2), ev(3), ev(4)],
      runs: [run('C'), run('B'), run('A')],
      edges: [
        { from: 'e:1', to: 'r:A', kind: 'started' }, { from: 'e:1', to: 'r:B', kind: 'started' }, { from: 'e:1', to: 'r:C', kind: 'started' },
        { from: 'r:B', to: 'e:3', kind: 'emitted' }, { from: 'r:A', to: 'e:2', kind: 'emitted' },
        { from: 'e:2', to: 'r:C', kind: 'resumed' }, { from: 'e:3', to: 'r:C', kind: 'resumed' }, { from: 'r:C', to: 'e:4', kind: 'emitted' },
      ],
    });
    const col = (k: string) => placed.get(k)!.column;
    expect([col('e:1'), col('r:A'), col('r:B'), col('e:2'), col('e:3'), col('r:C'), col('e:4')]).toEqual([0, 1, 1, 2, 2, 3, 4]);
    // B was listed before A, so it sits above; what each emitted follows its row
    expect(placed.get('r:B')!.row).toBe(0);
    expect(placed.get('e:3')!.row).toBe(0);
    expect(placed.get('e:2')!.row).toBe(1);
  });
});
