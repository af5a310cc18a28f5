/**
 * validateWorkflow: every problem of a workflow document, each naming its node or edge when it
 * has one. The editor shows the same list the API answers with when activation is refused.
 * Parts that do parse are still checked when others do not, so one bad node hides nothing.
 */
import { z } from 'zod';
import {
  edgeHandle,
  edgeSchema,
  nodeSchema,
  workflowDocumentSchema,
  type WorkflowEdge,
  type WorkflowNode,
} from './graph';
import { reachableFrom, unpausedCycles } from './graph-algo';
import { getNodeDefinition, isTriggerNode, outputHandles } from './nodes';
import type { Problem } from './problems';
import { validateNode } from './validate-node';

export type { Problem, ProblemCode } from './problems';
export { validateNode } from './validate-node';
export { connectionProblem, wouldCreateInvalidCycle } from './connect';

function schemaProblems(error: z.ZodError, prefix: string, at: Partial<Problem>): Problem[] {
  return error.issues.map((i) => ({
    ...at,
    code: 'schema' as const,
    message: `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`,
  }));
}

function stringId(raw: unknown): string | undefined {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Parses the items of one array field, keeping those that fit and reporting the others. */
function parseItems<T>(
  raw: unknown,
  field: 'nodes' | 'edges',
  schema: z.ZodType<T>,
  problems: Problem[],
): { valid: T[]; rawIds: Set<string> } {
  const valid: T[] = [];
  const rawIds = new Set<string>();
  if (!Array.isArray(raw)) {
    problems.push({ code: 'schema', message: `${field}: expected an array` });
    return { valid, rawIds };
  }
  raw.forEach((item, i) => {
    const id = stringId(item);
    if (id !== undefined) rawIds.add(id);
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else {
      const at = id === undefined ? {} : field === 'nodes' ? { nodeId: id } : { edgeId: id };
      problems.push(...schemaProblems(parsed.error, `${field}[${i}]`, at));
    }
  });
  return { valid, rawIds };
}

export function validateWorkflow(doc: unknown): Problem[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return [{ code: 'schema', message: 'a workflow document must be a JSON object' }];
  }
  const problems: Problem[] = [];
  const head = workflowDocumentSchema.pick({ name: true, description: true }).safeParse(doc);
  if (!head.success) problems.push(...schemaProblems(head.error, '', {}));

  const raw = doc as { nodes?: unknown; edges?: unknown };
  const parsedNodes = parseItems(raw.nodes, 'nodes', nodeSchema, problems);
  const parsedEdges = parseItems(raw.edges, 'edges', edgeSchema, problems);

  const nodes = new Map<string, WorkflowNode>();
  for (const node of parsedNodes.valid) {
    if (nodes.has(node.id)) {
      problems.push({ nodeId: node.id, code: 'duplicate_node_id', message: `the node id "${node.id}" is used twice` });
      continue;
    }
    nodes.set(node.id, node);
    problems.push(...validateNode(node));
  }

  const edges: WorkflowEdge[] = [];
  const edgeIds = new Set<string>();
  for (const edge of parsedEdges.valid) {
    if (edgeIds.has(edge.id)) {
      problems.push({ edgeId: edge.id, code: 'duplicate_edge_id', message: `the edge id "${edge.id}" is used twice` });
    }
    edgeIds.add(edge.id);
    if (edgeProblems(edge, nodes, parsedNodes.rawIds, problems)) edges.push(edge);
  }

  const triggers = [...nodes.values()].filter(isTriggerNode);
  if (triggers.length === 0) {
    problems.push({ code: 'no_trigger', message: 'the workflow needs a trigger node to start it' });
  } else {
    // malformed nodes (reported above) still pass reachability on, so they hide nothing else
    const wiring = {
      nodes: [...parsedNodes.rawIds].map((id) => ({ id })),
      edges: parsedEdges.valid.filter((e) => nodes.get(e.source)?.type !== 'fail'),
    };
    const reached = reachableFrom(wiring, triggers.map((t) => t.id));
    for (const node of nodes.values()) {
      if (!isTriggerNode(node) && !reached.has(node.id)) {
        problems.push({ nodeId: node.id, code: 'unreachable', message: 'no trigger leads to this node' });
      }
    }
  }

  for (const cycle of unpausedCycles({ nodes: [...nodes.values()], edges })) {
    const path = cycle.join(' → ');
    for (const nodeId of cycle) {
      problems.push({
        nodeId,
        code: 'cycle',
        message: `this node is in a loop without a delay or wait_for_event (${path}), which would never pause`,
      });
    }
  }
  return problems;
}

/** Reports what is wrong with an edge; true when it connects two valid nodes legally. */
function edgeProblems(
  edge: WorkflowEdge,
  nodes: Map<string, WorkflowNode>,
  rawIds: Set<string>,
  problems: Problem[],
): boolean {
  const edgeId = edge.id;
  let ok = true;
  for (const [end, id] of [
    ['source', edge.source],
    ['target', edge.target],
  ] as const) {
    if (rawIds.has(id)) continue; // present but invalid: already reported on the node
    const other = end === 'source' ? edge.target : edge.source;
    problems.push({
      edgeId,
      ...(nodes.has(other) && { nodeId: other }),
      code: 'dangling_edge',
      message: `edge ${edgeId}: its ${end} node "${id}" does not exist`,
    });
  }
  const source = nodes.get(edge.source);
  const target = nodes.get(edge.target);
  if (!source || !target) return false;

  const handle = edgeHandle(edge);
  if (source.type === 'fail') {
    problems.push({ edgeId, nodeId: source.id, code: 'edge_out_of_fail', message: 'a fail node has no outputs' });
    ok = false;
  } else if (getNodeDefinition(source.type)) {
    const handles = outputHandles(source);
    if (!handles.includes(handle)) {
      problems.push({
        edgeId,
        nodeId: source.id,
        code: 'unknown_handle',
        message: `edge ${edgeId} leaves from the output "${handle}", which this node does not have (it has: ${handles.join(', ') || 'none'})`,
      });
    }
  }
  if (isTriggerNode(target)) {
    problems.push({ edgeId, nodeId: target.id, code: 'edge_into_trigger', message: 'a trigger cannot have incoming edges' });
    ok = false;
  }
  return ok;
}
