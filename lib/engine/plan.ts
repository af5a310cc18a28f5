/**
 * Readiness scheduling (SPEC §5 fan-out and joins), with no `visited` set shared across
 * branches: a node's fate is decided only by the state of its incoming edges.
 *
 * An edge is TAKEN when its source is done with the handle the edge leaves from, and DEAD when
 * its source was skipped or took another handle. A node is READY when all its incoming edges
 * are taken or dead and at least one is taken; SKIPPED when all are dead. Skips propagate in
 * one call, so a whole dead branch is skipped at once and a join after it can become ready.
 *
 * Loops: a document may loop through a `delay` or `wait_for_event`. Edges that close a loop
 * (back edges, see graph-algo) are ignored for readiness, and a finished node is never run
 * again, so the body of a loop runs once; re-entering a loop is not supported yet.
 */
import { DEFAULT_HANDLE, edgeHandle, type WorkflowDocument, type WorkflowEdge } from './graph';
import { backEdges } from './graph-algo';
import { isTriggerNode } from './nodes';

export type FinishedState = { state: 'done'; handle: string } | { state: 'skipped' };
export type FinishedMap = Record<string, FinishedState>;

export interface Plan {
  /** Nodes to start now, in document order. */
  ready: string[];
  /** Nodes newly skipped, in the order decided; the caller records them as skipped steps. */
  skipped: string[];
}

type Doc = Pick<WorkflowDocument, 'nodes' | 'edges'>;

/**
 * What to do next. `finished` holds every node done or skipped (triggers that did not fire
 * included, see startRun); `started` holds the other nodes that already have a step record
 * (running, waiting, failed…). Neither kind is planned again.
 */
export function planNext(doc: Doc, finished: Readonly<FinishedMap>, started: Iterable<string> = []): Plan {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const back = backEdges(doc);
  const incoming = new Map<string, WorkflowEdge[]>();
  const successors = new Map<string, string[]>();
  for (const id of ids) {
    incoming.set(id, []);
    successors.set(id, []);
  }
  for (const e of doc.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || back.has(e)) continue;
    incoming.get(e.target)!.push(e);
    successors.get(e.source)!.push(e.target);
  }

  const state = new Map<string, FinishedState>(Object.entries(finished));
  const blocked = new Set(started);
  const ready = new Set<string>();
  const skipped: string[] = [];
  const plannable = (id: string) => !state.has(id) && !blocked.has(id) && !ready.has(id);

  const judge = (id: string): 'ready' | 'skipped' | 'pending' => {
    let taken = false;
    for (const e of incoming.get(id)!) {
      const source = state.get(e.source);
      if (!source) return 'pending';
      if (source.state === 'done' && source.handle === edgeHandle(e)) taken = true;
    }
    return taken ? 'ready' : 'skipped';
  };

  const queue = doc.nodes.filter((n) => !isTriggerNode(n) && plannable(n.id)).map((n) => n.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    if (!plannable(id)) continue;
    const verdict = judge(id);
    if (verdict === 'ready') ready.add(id);
    if (verdict === 'skipped') {
      state.set(id, { state: 'skipped' });
      skipped.push(id);
      queue.push(...successors.get(id)!.filter(plannable));
    }
  }
  return { ready: doc.nodes.map((n) => n.id).filter((id) => ready.has(id)), skipped };
}

/** True when every node of the document is done or skipped. */
export function isRunComplete(doc: Doc, finished: Readonly<FinishedMap>): boolean {
  return doc.nodes.every((n) => Object.prototype.hasOwnProperty.call(finished, n.id));
}

/** The finished map of a new run: the fired trigger done by its output, other triggers skipped. */
export function startRun(doc: Doc, firedTriggerId: string): FinishedMap {
  const fired = doc.nodes.find((n) => n.id === firedTriggerId);
  if (!fired || !isTriggerNode(fired)) {
    throw new Error(`startRun: "${firedTriggerId}" is not a trigger node of this workflow`);
  }
  const finished: FinishedMap = {};
  for (const n of doc.nodes) {
    if (!isTriggerNode(n)) continue;
    finished[n.id] = n.id === firedTriggerId ? { state: 'done', handle: DEFAULT_HANDLE } : { state: 'skipped' };
  }
  return finished;
}
