import { describe, expect, it } from 'vitest';
import { toDocument, toFlow } from '@/components/editor/to-graph';
import { demoWorkflows } from '@/lib/demo/workflows';
import { workflowDocumentSchema, type WorkflowDocument } from '@/lib/engine/graph';

const roundTrip = (doc: WorkflowDocument) => {
  const { nodes, edges } = toFlow(doc);
  return toDocument({ name: doc.name, ...(doc.description !== undefined && { description: doc.description }) }, nodes, edges);
};

/** Every optional part of SPEC §5 present, absent, null or odd (keys in the schema's order). */
const everything: WorkflowDocument = {
  name: 'Everything',
  description: '',
  nodes: [
    { id: 'start', type: 'trigger.event', position: { x: -10.5, y: 0.25 }, config: { eventType: 'a.*', filter: 'data.x > 1' } },
    { id: 'call', type: 'http', position: { x: 200, y: 0 },
      config: { method: 'POST', url: 'https://x.test/{{ event.id }}', headers: { 'X-A': 'b' }, body: { nested: [1, { deep: null }] }, timeoutMs: 5000 },
      retry: { attempts: 3, backoff: 'fixed', delay: 500 }, onError: 'branch' },
    { id: 'policyInConfig', type: 'transform', position: { x: 400, y: 0 }, config: { expression: '1', retry: { attempts: 2, backoff: 'exponential', delay: '1s' } } },
    { id: 'future', type: 'some.future.type', position: { x: 600, y: 0 }, config: {} },
    { id: 'cases', type: 'switch', position: { x: 800, y: 0 }, config: { cases: [{ id: 'big', expression: 'true' }] } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'call' },
    { id: 'e2', source: 'call', target: 'policyInConfig', sourceHandle: null },
    { id: 'e3', source: 'call', target: 'future', sourceHandle: 'error', targetHandle: 'in' },
    { id: 'e4', source: 'policyInConfig', target: 'cases', sourceHandle: 'out', targetHandle: null },
    { id: 'dangling', source: 'cases', target: 'nowhere', sourceHandle: 'big' },
  ],
};

describe('the React Flow <-> workflow document mapping', () => {
  it.each(demoWorkflows('http://127.0.0.1:9').map((d) => [d.name, d] as const))('keeps the demo workflow "%s" exactly', (_name, doc) => {
    expect(roundTrip(doc)).toStrictEqual(doc);
  });

  it('keeps every optional field, null and absent key as it came, and nothing else', () => {
    const out = roundTrip(everything);
    expect(out).toStrictEqual(everything);
    expect(JSON.stringify(out)).toBe(JSON.stringify(everything));
    expect('sourceHandle' in out.edges[0]).toBe(false);
    expect(out.edges[1].sourceHandle).toBeNull();
  });

  it('keeps a document as the API stores it (parsed by the one schema)', () => {
    const stored = workflowDocumentSchema.parse(JSON.parse(JSON.stringify(everything)));
    expect(roundTrip(stored)).toStrictEqual(stored);
  });

  it('drops the view state React Flow adds while editing', () => {
    const { nodes, edges } = toFlow(everything);
    const touched = nodes.map((n) => ({ ...n, selected: true, dragging: false, measured: { width: 220, height: 80 }, zIndex: 3 }));
    const touchedEdges = edges.map((e) => ({ ...e, selected: true, animated: true }));
    expect(toDocument({ name: 'Everything', description: '' }, touched, touchedEdges)).toStrictEqual(everything);
  });

  it('draws the canvas from the document: one step node per node, its data the document fields', () => {
    const { nodes, edges } = toFlow(everything);
    expect(nodes.map((n) => [n.id, n.type, n.data.type])).toEqual(everything.nodes.map((n) => [n.id, 'step', n.type]));
    expect(nodes[1].data).toStrictEqual({ type: 'http', config: everything.nodes[1].config, retry: everything.nodes[1].retry, onError: 'branch' });
    expect(edges.find((e) => e.id === 'e3')?.className).toBe('edge-error');
  });
});
