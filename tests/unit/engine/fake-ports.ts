/** In-memory ports for node tests: a fixed clock, scripted HTTP answers, recorded emits. */
import type { HttpRequest, HttpResponse, Ports } from '../../../lib/engine/ports';
import type { NodeContext } from '../../../lib/engine/nodes';
import type { WorkflowNode } from '../../../lib/engine/graph';

export function fakePorts(opts: { now?: Date; http?: (req: HttpRequest) => HttpResponse | Promise<HttpResponse> } = {}) {
  const httpCalls: HttpRequest[] = [];
  const emitted: Array<{ type: string; data: unknown; subject?: string }> = [];
  let now = opts.now ?? new Date('2030-01-01T00:00:00.000Z');
  const ports: Ports = {
    clock: { now: () => new Date(now.getTime()) },
    async http(req) {
      httpCalls.push(req);
      if (!opts.http) throw new Error('no HTTP answer scripted');
      return opts.http(req);
    },
    async emit(ev) {
      emitted.push(ev);
      return { id: `ev-${emitted.length}`, seq: 100 + emitted.length };
    },
  };
  return { ports, httpCalls, emitted, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

export function context(
  node: Pick<WorkflowNode, 'type' | 'config'> & Partial<WorkflowNode>,
  ports: Ports,
  extra: Partial<NodeContext> = {},
): NodeContext {
  return {
    node: { id: 'step', position: { x: 0, y: 0 }, ...node },
    attempt: 1,
    idempotencyKey: 'run-1:step',
    scope: {
      event: { type: 'order.placed', data: { id: 'o-1', total: 30, kind: 'gift' } },
      steps: { reserve: { ok: true, sku: 'a-1' } },
      run: { id: 'run-1', workflowId: 'wf-1', version: 2 },
    },
    ports,
    ...extra,
  };
}
