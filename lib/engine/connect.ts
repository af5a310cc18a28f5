/** Checks the editor runs while a connection is dragged, before the edge exists. */
import { DEFAULT_HANDLE, type WorkflowDocument, type WorkflowEdge } from './graph';
import { PAUSING_TYPES, reachableFrom } from './graph-algo';
import { getNodeDefinition, isTriggerNode, outputHandles } from './nodes';
import type { Problem } from './problems';

type Doc = Pick<WorkflowDocument, 'nodes' | 'edges'>;
type NewEdge = Pick<WorkflowEdge, 'source' | 'target'> & { sourceHandle?: string | null };

/** Would adding this edge close a loop with no delay or wait_for_event in it? */
export function wouldCreateInvalidCycle(doc: Doc, edge: NewEdge): boolean {
  const source = doc.nodes.find((n) => n.id === edge.source);
  const target = doc.nodes.find((n) => n.id === edge.target);
  if (!source || !target) return false;
  if (PAUSING_TYPES.has(source.type) || PAUSING_TYPES.has(target.type)) return false;
  if (source.id === target.id) return true;
  const withoutPauses = {
    nodes: doc.nodes.filter((n) => !PAUSING_TYPES.has(n.type)),
    edges: doc.edges,
  };
  return reachableFrom(withoutPauses, [target.id]).has(source.id);
}

/** Why this connection may not be made, or null when it may. */
export function connectionProblem(doc: Doc, edge: NewEdge): Problem | null {
  const source = doc.nodes.find((n) => n.id === edge.source);
  const target = doc.nodes.find((n) => n.id === edge.target);
  if (!source || !target) {
    return { code: 'dangling_edge', message: 'both ends of a connection must be existing nodes' };
  }
  if (source.type === 'fail') {
    return { nodeId: source.id, code: 'edge_out_of_fail', message: 'a fail node has no outputs' };
  }
  if (isTriggerNode(target)) {
    return { nodeId: target.id, code: 'edge_into_trigger', message: 'a trigger cannot have incoming edges' };
  }
  const handle = edge.sourceHandle ?? DEFAULT_HANDLE;
  if (getNodeDefinition(source.type) && !outputHandles(source).includes(handle)) {
    return { nodeId: source.id, code: 'unknown_handle', message: `this node has no output "${handle}"` };
  }
  if (wouldCreateInvalidCycle(doc, edge)) {
    return {
      nodeId: target.id,
      code: 'cycle',
      message: 'this connection would close a loop with no delay or wait_for_event in it',
    };
  }
  return null;
}
