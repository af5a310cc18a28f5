/**
 * `code`: the body of an async JavaScript function of (event, steps, run), run in the sandbox
 * behind the `runCode` port. Output `{ result, logs }`: the returned value and what the code
 * wrote with console.*. Limit overruns and syntax errors are not retried; errors the code
 * throws follow the node's retry policy like any other failure.
 */
import { z } from 'zod';
import type { CodeFailure, CodeFailureKind, CodeLog } from '../ports';
import { parseConfig, single } from './common';
import { NodeError, type NodeContext, type NodeDefinition, type NodeOutcome } from './types';

export const CODE_DEFAULT_TIMEOUT_MS = 1_000;
export const CODE_MAX_TIMEOUT_MS = 30_000;
export const CODE_DEFAULT_MEMORY_MB = 64;
/** The sandbox's engine needs 16 MB to start: a smaller limit could not be honoured. */
export const CODE_MIN_MEMORY_MB = 16;
export const CODE_MAX_MEMORY_MB = 256;
export const CODE_MAX_SOURCE_CHARS = 100_000;

export const codeConfig = z.object({
  source: z
    .string()
    .min(1, 'the code is empty')
    .max(CODE_MAX_SOURCE_CHARS, `the code may be at most ${CODE_MAX_SOURCE_CHARS} characters`)
    .meta({
      title: 'Code',
      format: 'javascript',
      description: 'The body of an async function of event, steps and run; what it returns is steps.<id>.result.',
      examples: ['return { total: event.data.items.reduce((sum, i) => sum + i.price * i.qty, 0) };'],
    }),
  timeoutMs: z
    .number()
    .int()
    .min(10)
    .max(CODE_MAX_TIMEOUT_MS)
    .default(CODE_DEFAULT_TIMEOUT_MS)
    .meta({ title: 'Time limit (ms)', description: 'The code is stopped after this long (including time spent in fetch).' }),
  memoryMb: z
    .number()
    .int()
    .min(CODE_MIN_MEMORY_MB)
    .max(CODE_MAX_MEMORY_MB)
    .default(CODE_DEFAULT_MEMORY_MB)
    .meta({ title: 'Memory limit (MB)', description: 'The code is stopped when its heap would grow past this.' }),
  allowFetch: z
    .boolean()
    .default(false)
    .meta({ title: 'Allow fetch', description: 'Lets the code call fetch(); private and loopback addresses stay blocked as for the http step.' }),
});

export interface CodeOutput {
  result: unknown;
  logs: CodeLog[];
}

const NOT_RETRIED: ReadonlySet<CodeFailureKind> = new Set(['syntax', 'timeout', 'memory', 'stack', 'output']);
const LIMITS: Partial<Record<CodeFailureKind, string>> = { timeout: 'time', memory: 'memory', stack: 'stack', output: 'output' };

function failureMessage(error: CodeFailure, config: z.output<typeof codeConfig>): string {
  const at = error.line === undefined ? '' : ` (line ${error.line}${error.column === undefined ? '' : `, column ${error.column}`})`;
  switch (error.kind) {
    case 'timeout': return `time limit of ${config.timeoutMs} ms exceeded${at}`;
    case 'memory': return `memory limit of ${config.memoryMb} MB exceeded${at}`;
    case 'stack': return `stack limit exceeded: recursion too deep${at}`;
    case 'output': return `output refused: ${error.message}`;
    case 'crash': return `the code sandbox failed: ${error.message}`;
    default: return `${error.name ? `${error.name}: ` : ''}${error.message}${at}`;
  }
}

async function run(ctx: NodeContext): Promise<NodeOutcome> {
  const config = parseConfig(codeConfig, ctx);
  if (!ctx.ports.runCode) {
    throw new NodeError('no code sandbox is bound in this process', { code: 'code_unavailable', retriable: true });
  }
  const res = await ctx.ports.runCode({
    source: config.source,
    input: { event: ctx.scope.event, steps: ctx.scope.steps, run: ctx.scope.run },
    timeoutMs: config.timeoutMs,
    memoryBytes: config.memoryMb * 1024 * 1024,
    allowFetch: config.allowFetch,
    idempotencyKey: ctx.idempotencyKey,
  });
  if (res.ok) {
    const output: CodeOutput = { result: res.result, logs: res.logs };
    return { kind: 'done', output };
  }
  const { error } = res;
  throw new NodeError(failureMessage(error, config), {
    code: `code_${error.kind}`,
    retriable: !NOT_RETRIED.has(error.kind),
    details: {
      kind: error.kind,
      limit: LIMITS[error.kind] ?? null,
      ...(error.name !== undefined && { name: error.name }),
      message: error.message,
      ...(error.line !== undefined && { line: error.line }),
      ...(error.column !== undefined && { column: error.column }),
      ...(error.stack !== undefined && { stack: error.stack }),
      logs: res.logs,
      elapsedMs: res.elapsedMs,
    },
  });
}

export const codeNode: NodeDefinition = {
  type: 'code',
  category: 'action',
  label: 'Code',
  description: 'Runs JavaScript in a sandbox (no process, network, file system; time and memory capped). Output { result, logs }.',
  configSchema: codeConfig,
  handles: single,
  isTrigger: false,
  run,
};
