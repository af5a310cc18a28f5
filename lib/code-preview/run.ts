/**
 * Runs one preview through the engine's own `code` node, so the editor shows exactly what a
 * step would record: the same result shape, error messages, codes and limit facts.
 */
import { codeNode } from '@/lib/engine/nodes/code';
import { NodeError, type Ports } from '@/lib/engine/nodes';
import type { CodeFailureKind, CodeLog, CodeRequest, CodeResult } from '@/lib/engine/ports';
import type { CodePreviewPayload } from './job';
import type { CodePreviewError, CodePreviewOutcome } from './types';

const refuse = (what: string) => async (): Promise<never> => {
  throw new NodeError(`${what} is not available in a code preview`, { code: 'preview' });
};

interface FailureDetails {
  kind?: CodeFailureKind;
  limit?: CodePreviewError['limit'];
  name?: string;
  line?: number;
  column?: number;
  stack?: string;
  logs?: CodeLog[];
  elapsedMs?: number;
}

export async function runCodePreview(
  payload: CodePreviewPayload,
  runCode: (req: CodeRequest) => Promise<CodeResult>,
  idempotencyKey: string,
): Promise<CodePreviewOutcome> {
  let elapsedMs: number | null = null;
  const ports: Ports = {
    clock: { now: () => new Date() },
    http: refuse('the http port'),
    emit: refuse('emit'),
    async runCode(req) {
      const res = await runCode(req);
      elapsedMs = res.elapsedMs;
      return res;
    },
  };
  try {
    const outcome = await codeNode.run!({
      node: { id: payload.nodeId, type: 'code', position: { x: 0, y: 0 }, config: payload.config },
      attempt: 1,
      idempotencyKey,
      scope: payload.scope,
      ports,
    });
    const output = (outcome.kind === 'done' ? outcome.output : null) as { result: unknown; logs: CodeLog[] } | null;
    return { ok: true, result: output?.result ?? null, logs: output?.logs ?? [], elapsedMs };
  } catch (err) {
    if (!(err instanceof NodeError)) throw err;
    const d = (err.details ?? {}) as FailureDetails;
    const error: CodePreviewError = {
      code: err.code ?? 'code_error',
      message: err.message,
      kind: d.kind ?? null,
      limit: d.limit ?? null,
      ...(d.name !== undefined && { name: d.name }),
      ...(d.line !== undefined && { line: d.line }),
      ...(d.column !== undefined && { column: d.column }),
      ...(d.stack !== undefined && { stack: d.stack }),
    };
    return { ok: false, error, logs: d.logs ?? [], elapsedMs: d.elapsedMs ?? elapsedMs };
  }
}
