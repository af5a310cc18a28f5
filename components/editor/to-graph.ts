/**
 * The one place where React Flow's nodes and edges meet the engine's workflow document.
 * The canvas holds view state (selection, measured size, dragging) next to the document's
 * fields; `toDocument` keeps only the fields of SPEC §5, exactly as they came in, so a
 * document survives `toFlow` -> `toDocument` unchanged.
 */
import type { Edge, Node } from '@xyflow/react';
import { ERROR_HANDLE } from '@/lib/engine/graph';
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from '@/lib/engine/graph';

/** The document fields of a node that React Flow does not hold itself (id and position). */
export type StepData = Omit<WorkflowNode, 'id' | 'position'>;
export type StepNode = Node<StepData, 'step'>;
export type FlowEdge = Edge;
export type DocumentMeta = Pick<WorkflowDocument, 'name' | 'description'>;

export const STEP_NODE_TYPE = 'step';

export function toFlowNode(node: WorkflowNode): StepNode {
  const data: StepData = { type: node.type, config: node.config };
  if ('retry' in node) data.retry = node.retry;
  if ('onError' in node) data.onError = node.onError;
  return { id: node.id, type: STEP_NODE_TYPE, position: node.position, data };
}

/** A canvas edge; edges leaving an `error` output are drawn apart. */
export function toFlowEdge(edge: WorkflowEdge): FlowEdge {
  const out: FlowEdge = { id: edge.id, source: edge.source, target: edge.target };
  if ('sourceHandle' in edge) out.sourceHandle = edge.sourceHandle;
  if ('targetHandle' in edge) out.targetHandle = edge.targetHandle;
  if (edge.sourceHandle === ERROR_HANDLE) out.className = 'edge-error';
  return out;
}

export function toFlow(doc: Pick<WorkflowDocument, 'nodes' | 'edges'>): { nodes: StepNode[]; edges: FlowEdge[] } {
  return { nodes: doc.nodes.map(toFlowNode), edges: doc.edges.map(toFlowEdge) };
}

export function toWorkflowNode(node: Pick<StepNode, 'id' | 'position' | 'data'>): WorkflowNode {
  const { data } = node;
  const out: WorkflowNode = { id: node.id, type: data.type, position: { x: node.position.x, y: node.position.y }, config: data.config };
  if ('retry' in data) out.retry = data.retry;
  if ('onError' in data) out.onError = data.onError;
  return out;
}

export function toWorkflowEdge(edge: FlowEdge): WorkflowEdge {
  const out: WorkflowEdge = { id: edge.id, source: edge.source, target: edge.target };
  if ('sourceHandle' in edge) out.sourceHandle = edge.sourceHandle;
  if ('targetHandle' in edge) out.targetHandle = edge.targetHandle;
  return out;
}

export function toDocument(meta: DocumentMeta, nodes: readonly StepNode[], edges: readonly FlowEdge[]): WorkflowDocument {
  return {
    name: meta.name,
    ...(meta.description !== undefined && { description: meta.description }),
    nodes: nodes.map(toWorkflowNode),
    edges: edges.map(toWorkflowEdge),
  };
}
