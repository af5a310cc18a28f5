/** A real sandbox and the real `code` node, wired as the worker wires them (no fakes in between). */
import type { NodeContext, NodeOutcome } from '../../../lib/engine/nodes';
import { codeNode } from '../../../lib/engine/nodes/code';
import type { CodeRequest, Ports } from '../../../lib/engine/ports';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../lib/sandbox';

export type { Sandbox };

export function testSandbox(options: SandboxOptions = {}): Sandbox {
  return createSandbox({ threads: 1, ...options });
}

export const scope = {
  event: { id: 'e-1', source: '/shop', type: 'order.placed', data: { orderId: 'o-1', total: 30, items: [{ sku: 'A', qty: 2, price: 5 }, { sku: 'B', qty: 1, price: 20 }] } },
  steps: { reserve: { status: 200, body: { reservationId: 'res-o-1' } } },
  run: { id: 'run-1', workflowId: 'wf-1', version: 3 },
};

/** A request for `sandbox.runCode` with the test scope and generous defaults. */
export function request(source: string, extra: Partial<CodeRequest> = {}): CodeRequest {
  return { source, input: scope, timeoutMs: 1_000, memoryBytes: 64 * 1024 * 1024, allowFetch: false, idempotencyKey: 'run-1:code', ...extra };
}

function portsWith(sandbox: Sandbox): Ports {
  const unused = () => Promise.reject(new Error('not used by code steps'));
  return { clock: { now: () => new Date() }, http: unused, emit: unused, runCode: sandbox.runCode };
}

/** Runs the `code` node with `config` against the sandbox: its outcome, or the error it threw. */
export async function runNode(sandbox: Sandbox, config: Record<string, unknown>): Promise<{ outcome?: NodeOutcome; error?: any }> {
  const ctx: NodeContext = {
    node: { id: 'code', type: 'code', position: { x: 0, y: 0 }, config },
    attempt: 1,
    idempotencyKey: 'run-1:code',
    scope,
    ports: portsWith(sandbox),
  };
  try {
    return { outcome: await codeNode.run!(ctx) };
  } catch (error) {
    return { error };
  }
}
