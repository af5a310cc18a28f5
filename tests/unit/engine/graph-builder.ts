/**
 * A tiny fluent builder for workflow documents in tests (after n8n's find-start-nodes tests):
 *
 *   graph().trigger('t').node('a').node('b').edge('t', 'a').edge('a', 'b').build()
 */
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from '../../../lib/engine/graph';
import { planNext, startRun, type FinishedMap } from '../../../lib/engine/plan';

type NodeExtra = Partial<Pick<WorkflowNode, 'retry' | 'onError'>>;

export class GraphBuilder {
  private readonly nodes: WorkflowNode[] = [];
  private readonly edges: WorkflowEdge[] = [];

  trigger(id: string, eventType = 'order.placed'): this {
    return this.node(id, 'trigger.event', { eventType });
  }

  node(id: string, type = 'transform', config: Record<string, unknown> = { expression: '1' }, extra: NodeExtra = {}): this {
    this.nodes.push({ id, type, position: { x: this.nodes.length * 200, y: 0 }, config, ...extra });
    return this;
  }

  condition(id: string, expression = 'true'): this {
    return this.node(id, 'condition', { expression });
  }

  /** `source` may be `node:handle` for a non-default output. */
  edge(source: string, target: string): this {
    const [from, handle] = source.split(':');
    this.edges.push({ id: `${source}->${target}`, source: from, target, ...(handle && { sourceHandle: handle }) });
    return this;
  }

  /** edge(a, b), edge(b, c), … */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.edge(ids[i - 1], ids[i]);
    return this;
  }

  build(name = 'test'): WorkflowDocument {
    return { name, nodes: [...this.nodes], edges: [...this.edges] };
  }
}

export const graph = () => new GraphBuilder();

/**
 * Runs a document to the end as a worker would: each wave starts every ready node and finishes
 * it with the handle `handles[node]` chooses (default `out`). Returns the waves in order and
 * the nodes skipped along the way. A node planned twice fails the run.
 */
export function simulate(doc: WorkflowDocument, trigger: string, handles: Record<string, string> = {}) {
  const finished: FinishedMap = startRun(doc, trigger);
  const waves: string[][] = [];
  const skipped: string[] = [];
  for (let guard = 0; guard < 1000; guard++) {
    const plan = planNext(doc, finished);
    skipped.push(...plan.skipped);
    for (const id of plan.skipped) finished[id] = { state: 'skipped' };
    if (plan.ready.length === 0) break;
    waves.push(plan.ready);
    for (const id of plan.ready) {
      if (finished[id]) throw new Error(`${id} planned twice`);
      finished[id] = { state: 'done', handle: handles[id] ?? 'out' };
    }
  }
  return { waves, skipped, finished };
}
