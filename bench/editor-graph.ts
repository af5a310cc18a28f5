/**
 * The large workflow the editor is measured with (and the large-graph browser test opens):
 * one event trigger and layers of steps, `nodes` nodes and `edges` edges, laid out on a grid,
 * valid (no problems), the same every time for the same sizes.
 */
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from '../lib/engine/graph';

const TYPES = ['transform', 'condition', 'http', 'emit', 'delay', 'transform'] as const;

function configFor(type: (typeof TYPES)[number], i: number): Record<string, unknown> {
  switch (type) {
    case 'transform': return { expression: `{ "step": ${i}, "order": event.data.orderId }` };
    case 'condition': return { expression: `event.data.total > ${i % 100}` };
    case 'http': return { method: 'POST', url: `https://api.example.com/items/${i}`, body: '{{ { "orderId": event.data.orderId } }}' };
    case 'emit': return { eventType: `bench.step${i}.done`, data: '{{ { "orderId": event.data.orderId } }}' };
    case 'delay': return { duration: '1s' };
  }
}

/** A small deterministic generator (mulberry32), so the graph is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function largeWorkflow(nodeCount = 1000, edgeCount = 1200, perLayer = 25): WorkflowDocument {
  const rand = random(42);
  const nodes: WorkflowNode[] = [{ id: 'start', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'bench.large' } }];
  const layers: string[][] = [['start']];
  for (let i = 1; i < nodeCount; i++) {
    const layer = Math.floor((i - 1) / perLayer) + 1;
    const row = (i - 1) % perLayer;
    const type = TYPES[i % TYPES.length];
    const id = `n${i}`;
    nodes.push({ id, type, position: { x: layer * 300, y: row * 140 - (perLayer * 140) / 2 }, config: configFor(type, i) });
    (layers[layer] ??= []).push(id);
  }
  const typeOf = new Map(nodes.map((n) => [n.id, n.type]));
  const edges: WorkflowEdge[] = [];
  const seen = new Set<string>();
  const link = (source: string, target: string) => {
    const handle = typeOf.get(source) === 'condition' ? (rand() < 0.5 ? 'true' : 'false') : undefined;
    const key = `${source}>${handle}>${target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push({ id: `e${edges.length + 1}`, source, target, ...(handle && { sourceHandle: handle }) });
    return true;
  };
  for (let l = 1; l < layers.length; l++) {
    for (const target of layers[l]) link(layers[l - 1][Math.floor(rand() * layers[l - 1].length)], target);
  }
  while (edges.length < edgeCount) {
    const l = 1 + Math.floor(rand() * (layers.length - 1));
    const from = layers[l - 1][Math.floor(rand() * layers[l - 1].length)];
    link(from, layers[l][Math.floor(rand() * layers[l].length)]);
  }
  return { name: `Large workflow (${nodeCount} nodes)`, description: 'Generated for the editor benchmark.', nodes, edges };
}
