/**
 * What copy puts on the clipboard: plain JSON holding document nodes and the edges between
 * them, so a selection pastes into another workflow, another tab, or a text file. A whole
 * workflow document pastes too.
 */
import type { XYPosition } from '@xyflow/react';
import { edgeSchema, nodeSchema, type WorkflowEdge, type WorkflowNode } from '@/lib/engine/graph';
import { edgeIdFactory, uniqueNodeId } from './ids';
import { renameStepReferences } from './rename';
import { toFlowEdge, toFlowNode, type FlowEdge, type StepNode } from './to-graph';

export const CLIPBOARD_KIND = 'causeway/nodes@1';

export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

export function clipboardPayload(nodes: WorkflowNode[], edges: WorkflowEdge[]): ClipboardPayload {
  const ids = new Set(nodes.map((n) => n.id));
  return { kind: CLIPBOARD_KIND, nodes, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** Nodes and edges from clipboard text, or null when the text holds none. */
export function parseClipboard(text: string): ClipboardPayload | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || !Array.isArray((raw as { nodes?: unknown }).nodes)) return null;
  const { nodes: rawNodes, edges: rawEdges } = raw as { nodes: unknown[]; edges?: unknown };
  const nodes = rawNodes.flatMap((n) => {
    const parsed = nodeSchema.safeParse(n);
    return parsed.success ? [parsed.data] : [];
  });
  const edges = (Array.isArray(rawEdges) ? rawEdges : []).flatMap((e) => {
    const parsed = edgeSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  return nodes.length > 0 ? clipboardPayload(nodes, edges) : null;
}

/** Offset of a paste without a place to go, so the copy does not hide the original. */
const PASTE_OFFSET = 40;

/**
 * The canvas nodes (selected) and edges a paste adds: each node keeps its id when free, else
 * gets a fresh one, which its edges and `steps.<id>` references follow; the group's top-left
 * corner goes to `at`.
 */
export function placePasted(
  payload: ClipboardPayload,
  takenNodeIds: Iterable<string>,
  takenEdgeIds: Iterable<string>,
  at?: XYPosition,
): { nodes: StepNode[]; edges: FlowEdge[] } {
  const taken = new Set(takenNodeIds);
  const ids = new Map<string, string>();
  for (const n of payload.nodes) {
    const id = uniqueNodeId(n.id, taken);
    taken.add(id);
    ids.set(n.id, id);
  }
  const minX = Math.min(...payload.nodes.map((n) => n.position.x));
  const minY = Math.min(...payload.nodes.map((n) => n.position.y));
  const [dx, dy] = at ? [at.x - minX, at.y - minY] : [PASTE_OFFSET, PASTE_OFFSET];
  const nodes = payload.nodes.map((n) => {
    let config = n.config;
    for (const [from, to] of ids) if (from !== to) config = renameStepReferences(config, from, to);
    const id = ids.get(n.id)!;
    return { ...toFlowNode({ ...n, id, config, position: { x: n.position.x + dx, y: n.position.y + dy } }), selected: true };
  });
  const nextId = edgeIdFactory(takenEdgeIds);
  const edges = payload.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => toFlowEdge({ ...e, id: nextId(), source: ids.get(e.source)!, target: ids.get(e.target)! }));
  return { nodes, edges };
}
