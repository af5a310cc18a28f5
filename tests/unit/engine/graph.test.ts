import { describe, expect, it } from 'vitest';
import { nodePolicy, retryDelayMs, workflowDocumentSchema } from '../../../lib/engine/graph';

const node = (extra: Record<string, unknown> = {}) => ({ id: 'n1', type: 'http', position: { x: 0, y: 0 }, ...extra });

describe('workflowDocumentSchema', () => {
  it('accepts a draft with unknown node types and defaults config to {}', () => {
    const parsed = workflowDocumentSchema.parse({ name: 'x', nodes: [node({ type: 'future.thing' })], edges: [] });
    expect(parsed.nodes[0]).toEqual({ ...node({ type: 'future.thing' }), config: {} });
  });

  it('refuses node ids that cannot be used as names in expressions', () => {
    for (const id of ['1abc', 'a-b', 'a.b', '']) {
      expect(workflowDocumentSchema.safeParse({ name: 'x', nodes: [node({ id })], edges: [] }).success, id).toBe(false);
    }
    expect(workflowDocumentSchema.safeParse({ name: 'x', nodes: [node({ id: '_reserve2' })], edges: [] }).success).toBe(true);
  });

  it('checks retry and onError and accepts null handles', () => {
    const bad = { name: 'x', nodes: [node({ retry: { attempts: 21, backoff: 'fixed', delay: '1s' } })], edges: [] };
    expect(workflowDocumentSchema.safeParse(bad).success).toBe(false);
    expect(workflowDocumentSchema.safeParse({ name: 'x', nodes: [node({ onError: 'ignore' })], edges: [] }).success).toBe(false);
    const edge = { id: 'e', source: 'a', target: 'b', sourceHandle: null, targetHandle: null };
    expect(workflowDocumentSchema.safeParse({ name: 'x', nodes: [], edges: [edge] }).success).toBe(true);
  });
});

describe('nodePolicy', () => {
  it('defaults to one attempt, fixed 1000 ms, onError fail', () => {
    expect(nodePolicy(node({ config: {} }) as never)).toEqual({ retry: { attempts: 1, backoff: 'fixed', delayMs: 1000 }, onError: 'fail' });
  });

  it('reads node-level fields first, then config', () => {
    const fromConfig = nodePolicy({ config: { retry: { attempts: 3, backoff: 'exponential', delay: '2s' }, onError: 'continue' } });
    expect(fromConfig).toEqual({ retry: { attempts: 3, backoff: 'exponential', delayMs: 2000 }, onError: 'continue' });
    const both = nodePolicy({ retry: { attempts: 5, backoff: 'fixed', delay: 250 }, onError: 'branch', config: { onError: 'continue' } });
    expect(both).toEqual({ retry: { attempts: 5, backoff: 'fixed', delayMs: 250 }, onError: 'branch' });
  });

  it('computes fixed and exponential retry delays', () => {
    const fixed = nodePolicy({ config: { retry: { attempts: 3, backoff: 'fixed', delay: '2s' } } });
    const exp = nodePolicy({ config: { retry: { attempts: 3, backoff: 'exponential', delay: '2s' } } });
    expect([1, 2, 3].map((n) => retryDelayMs(fixed, n))).toEqual([2000, 2000, 2000]);
    expect([1, 2, 3].map((n) => retryDelayMs(exp, n))).toEqual([2000, 4000, 8000]);
  });
});
