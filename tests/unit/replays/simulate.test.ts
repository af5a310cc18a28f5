import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '@/lib/engine/graph';
import type { CodeRequest } from '@/lib/engine/ports';
import { draftVersion } from '@/lib/shadow/draft-version';
import type { StepOutcome } from '@/lib/shadow/compare';
import { isRecordedNode, simulateRun } from '@/lib/shadow/simulate';

const event = { specversion: '1.0' as const, id: 'e1', source: '/t', type: 'order.placed', data: { total: 30 }, seq: 7, receivedAt: '2025-01-01T00:00:00.000Z' };
const at = { x: 0, y: 0 };

/**
 *   go → calc → check ─true→ call (http) → done
 *                     └false→ small
 */
const doc: WorkflowDocument = {
  name: 'sim',
  nodes: [
    { id: 'go', type: 'trigger.event', position: at, config: { eventType: 'order.*' } },
    { id: 'calc', type: 'transform', position: at, config: { expression: 'event.data.total * 2' } },
    { id: 'check', type: 'condition', position: at, config: { expression: 'steps.calc > 50' } },
    { id: 'call', type: 'http', position: at, config: { method: 'POST', url: 'https://example.com/x', body: '{{ steps.calc }}' } },
    { id: 'done', type: 'transform', position: at, config: { expression: 'steps.call.status' } },
    { id: 'small', type: 'transform', position: at, config: { expression: '"small"' } },
  ],
  edges: [
    { id: 'e1', source: 'go', target: 'calc' },
    { id: 'e2', source: 'calc', target: 'check' },
    { id: 'e3', source: 'check', target: 'call', sourceHandle: 'true' },
    { id: 'e4', source: 'check', target: 'small', sourceHandle: 'false' },
    { id: 'e5', source: 'call', target: 'done' },
  ],
};
const version = draftVersion('wf', doc);
const recorded = (steps: StepOutcome[]) => new Map(steps.map((s) => [s.nodeId, s]));
const byNode = (steps: StepOutcome[]) => Object.fromEntries(steps.map((s) => [s.nodeId, s]));

describe('simulateRun', () => {
  it('computes pure nodes and takes side-effecting ones from the original run', async () => {
    const steps = await simulateRun({ version, triggerNodeId: 'go', event, runId: 'r1',
      recorded: recorded([{ nodeId: 'call', status: 'succeeded', handle: 'out', output: { status: 201 }, error: null }]) });
    const s = byNode(steps);
    expect(s.calc.output).toBe(60);
    expect(s.check.handle).toBe('true');
    expect(s.call).toMatchObject({ status: 'succeeded', output: { status: 201 }, recorded: true });
    expect(s.done.output).toBe(201);
    expect(s.small.status).toBe('skipped');
  });

  it('skips a side-effecting node the original never ran, and what follows it', async () => {
    const s = byNode(await simulateRun({ version, triggerNodeId: 'go', event, runId: 'r1', recorded: new Map() }));
    expect(s.call).toMatchObject({ status: 'skipped', recorded: true });
    expect(s.done.status).toBe('skipped');
  });

  it('ends the run at a failure nothing handles, as the worker does', async () => {
    const failing = draftVersion('wf', { ...doc, nodes: doc.nodes.map((n) => (n.id === 'calc' ? { ...n, config: { expression: '$error("no")' } } : n)) });
    const s = byNode(await simulateRun({ version: failing, triggerNodeId: 'go', event, runId: 'r1', recorded: new Map() }));
    expect(s.calc).toMatchObject({ status: 'failed', handle: null });
    expect(s.check).toBeUndefined();
  });

  it('runs code with fetch switched off, and never code that was allowed to fetch', async () => {
    const seen: CodeRequest[] = [];
    const runCode = async (req: CodeRequest) => { seen.push(req); return { ok: true as const, result: 1, logs: [], elapsedMs: 1 }; };
    const code = draftVersion('wf', {
      name: 'code',
      nodes: [
        { id: 'go', type: 'trigger.event', position: at, config: { eventType: 'order.*' } },
        { id: 'pure', type: 'code', position: at, config: { source: 'return 1;' } },
        { id: 'net', type: 'code', position: at, config: { source: 'return fetch("https://x")', allowFetch: true } },
      ],
      edges: [{ id: 'e1', source: 'go', target: 'pure' }, { id: 'e2', source: 'pure', target: 'net' }],
    });
    const s = byNode(await simulateRun({ version: code, triggerNodeId: 'go', event, runId: 'r1', runCode, recorded: new Map() }));
    expect(s.pure.output).toEqual({ result: 1, logs: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0].allowFetch).toBe(false);
    expect(s.net).toMatchObject({ status: 'skipped', recorded: true });
  });

  it('knows which nodes act on the world', () => {
    expect(['http', 'emit', 'delay', 'wait_for_event'].every((type) => isRecordedNode({ type, config: {} }))).toBe(true);
    expect(isRecordedNode({ type: 'code', config: { allowFetch: true } })).toBe(true);
    expect(isRecordedNode({ type: 'code', config: {} })).toBe(false);
    expect(isRecordedNode({ type: 'transform', config: {} })).toBe(false);
  });
});
