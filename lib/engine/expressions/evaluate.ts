/**
 * Evaluating JSONata: never throws, returns a value or a reason (like trigger.dev's
 * filter/evaluate.ts). Expressions see the scope as their input, so `event.data.total`,
 * `steps.reserve.body` and `run.id` work, and `$` is the whole scope.
 */
import { compile, DEFAULT_COMPILE_OPTIONS, type SyntaxProblem } from './compile';
import { toPlainValue } from './plain';

export { isTruthy, isJsonataFunction } from './values';

export interface EvaluateOptions {
  /** Wall-clock budget for one evaluation (default 1000 ms). */
  timeoutMs?: number;
  /** Deepest nesting of evaluation steps, e.g. recursion (default 200). */
  maxDepth?: number;
}

export type EvaluateResult = { ok: true; value: unknown } | { ok: false; error: string };

export async function evaluateExpression(
  source: string,
  scope: object,
  opts: EvaluateOptions = {},
): Promise<EvaluateResult> {
  const options = {
    ...DEFAULT_COMPILE_OPTIONS,
    ...(opts.timeoutMs !== undefined && { timeoutMs: Math.max(1, Math.floor(opts.timeoutMs)) }),
    ...(opts.maxDepth !== undefined && { maxDepth: Math.max(1, Math.floor(opts.maxDepth)) }),
  };
  if (typeof source !== 'string') return { ok: false, error: 'the expression is not a string' };
  const compiled = compile(source, options);
  if (!compiled.ok) return { ok: false, error: syntaxMessage(compiled.problem) };
  let raw: unknown;
  try {
    raw = await compiled.expr.evaluate(scope);
  } catch (err) {
    return { ok: false, error: evaluationMessage(err, options) };
  }
  return toPlainValue(raw);
}

/** null when the expression parses, else the parser's message and position. */
export function checkExpressionSyntax(source: string): SyntaxProblem | null {
  const compiled = compile(source);
  return compiled.ok ? null : compiled.problem;
}

function syntaxMessage(p: SyntaxProblem): string {
  return `syntax error: ${p.message} (at position ${p.position})`;
}

function evaluationMessage(err: unknown, options: { timeoutMs: number; maxDepth: number }): string {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; position?: unknown };
  if (e.code === 'D1012') {
    return `the expression ran longer than its time limit of ${options.timeoutMs} ms (an endless loop?)`;
  }
  if (e.code === 'D1011' || err instanceof RangeError) {
    return `the expression went deeper than the depth limit of ${options.maxDepth} (endless recursion?)`;
  }
  const message = typeof e.message === 'string' ? e.message : String(err);
  return typeof e.position === 'number' ? `${message} (at position ${e.position})` : message;
}
