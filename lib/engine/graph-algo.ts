/** Graph algorithms over a workflow document, shared by validation, planning and the editor. */
import type { WorkflowDocument, WorkflowEdge } from './graph';
import { isTriggerNode } from './nodes';

/** Node types that pause a run, so a loop through one of them is not a busy loop. */
export const PAUSING_TYPES: ReadonlySet<string> = new Set(['delay', 'wait_for_event']);

type Doc = Pick<WorkflowDocument, 'nodes' | 'edges'>;
/** Enough of a document to follow edges. */
type Wiring = { nodes: ReadonlyArray<{ id: string }>; edges: ReadonlyArray<WorkflowEdge> };

/** Edges whose two ends exist, grouped by source node. */
export function outgoingEdges(doc: Wiring): Map<string, WorkflowEdge[]> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const out = new Map<string, WorkflowEdge[]>();
  for (const id of ids) out.set(id, []);
  for (const e of doc.edges) {
    if (ids.has(e.source) && ids.has(e.target)) out.get(e.source)!.push(e);
  }
  return out;
}

/** Ids of the nodes reachable from `starts` (the starts included). */
export function reachableFrom(doc: Wiring, starts: Iterable<string>): Set<string> {
  const out = outgoingEdges(doc);
  const seen = new Set<string>();
  const stack = [...starts].filter((s) => out.has(s));
  for (const s of stack) seen.add(s);
  while (stack.length > 0) {
    for (const e of out.get(stack.pop()!) ?? []) {
      if (!seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return seen;
}

/** Tarjan's strongly connected components, iteratively (no recursion limit on big graphs). */
export function stronglyConnected(nodeIds: string[], successors: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: string[]; i: number }> = [];
    const enter = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: successors(id), i: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/**
 * The loops that contain no `delay` or `wait_for_event` node: each array is a group of nodes
 * that can run in circles without pausing. (Pausing nodes are removed first, so a loop that
 * avoids the pause is found even when it shares nodes with a paused loop.)
 */
export function unpausedCycles(doc: Doc): string[][] {
  const pausing = new Set(doc.nodes.filter((n) => PAUSING_TYPES.has(n.type)).map((n) => n.id));
  const out = outgoingEdges(doc);
  const ids = doc.nodes.map((n) => n.id).filter((id) => !pausing.has(id));
  const successors = (id: string) =>
    (out.get(id) ?? []).map((e) => e.target).filter((t) => !pausing.has(t));
  return stronglyConnected(ids, successors).filter(
    (c) => c.length > 1 || successors(c[0]).includes(c[0]),
  );
}

/**
 * Edges that close a loop: found by a depth-first walk from the triggers (then from any node
 * not reached), in document order; an edge to a node still on the walk's path is a back edge.
 */
export function backEdges(doc: Doc): Set<WorkflowEdge> {
  const out = outgoingEdges(doc);
  const state = new Map<string, 'open' | 'closed'>();
  const back = new Set<WorkflowEdge>();
  const roots = [...doc.nodes.filter(isTriggerNode), ...doc.nodes].map((n) => n.id);
  for (const root of roots) {
    if (state.has(root)) continue;
    const work: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
    state.set(root, 'open');
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = out.get(frame.id) ?? [];
      if (frame.i >= edges.length) {
        state.set(frame.id, 'closed');
        work.pop();
        continue;
      }
      const e = edges[frame.i++];
      const s = state.get(e.target);
      if (s === 'open') back.add(e);
      else if (s === undefined) {
        state.set(e.target, 'open');
        work.push({ id: e.target, i: 0 });
      }
    }
  }
  return back;
}
