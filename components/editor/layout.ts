/**
 * Auto-layout with ELK's layered algorithm, left to right, each output handle a port in the
 * order the card draws them (so `true` stays above `false`). elkjs is loaded on first use.
 */
import type { XYPosition } from '@xyflow/react';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { DEFAULT_HANDLE } from '@/lib/engine/graph';
import { outputHandles } from '@/lib/engine/nodes';
import type { FlowEdge, StepNode } from './to-graph';

const NODE_WIDTH = 220;
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '36',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '80',
};

/** The card's size: measured when the canvas has drawn it, else estimated from its outputs. */
function sizeOf(node: StepNode, handles: string[]): { width: number; height: number } {
  const estimated = 76 + (handles.length > 1 ? 8 + 22 * handles.length : 0);
  return { width: node.measured?.width ?? NODE_WIDTH, height: node.measured?.height ?? estimated };
}

const portId = (nodeId: string, handle: string) => `${nodeId}::${handle}`;

export function toElkGraph(nodes: readonly StepNode[], edges: readonly FlowEdge[]): ElkNode {
  const ids = new Set(nodes.map((n) => n.id));
  const children: ElkNode[] = nodes.map((n) => {
    const handles = outputHandles(n.data);
    return {
      id: n.id,
      ...sizeOf(n, handles),
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        { id: portId(n.id, 'in'), layoutOptions: { 'elk.port.side': 'WEST' } },
        ...handles.map((h, i) => ({ id: portId(n.id, h), layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
      ],
    };
  });
  const elkEdges: ElkExtendedEdge[] = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ id: e.id, sources: [portId(e.source, e.sourceHandle ?? DEFAULT_HANDLE)], targets: [portId(e.target, 'in')] }));
  // an edge from a handle the node does not (or no longer) have attaches to the node itself
  const ports = new Set(children.flatMap((c) => (c.ports ?? []).map((p) => p.id)));
  for (const e of elkEdges) if (!ports.has(e.sources[0])) e.sources = [e.sources[0].split('::')[0]];
  return { id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges: elkEdges };
}

export async function autoLayout(nodes: readonly StepNode[], edges: readonly FlowEdge[]): Promise<Map<string, XYPosition>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const laid = await new ELK().layout(toElkGraph(nodes, edges));
  return new Map((laid.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
