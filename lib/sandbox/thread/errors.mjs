/**
 * Turns what QuickJS threw into a CodeFailure (lib/engine/ports.ts): which limit stopped the
 * code, if any, and where in the user's source it happened.
 */

export const USER_FILE = 'code.js';
/** The user's source starts on the second line of the wrapper (see evaluate.mjs). */
export const WRAPPER_LINES = 1;
const MAX_STACK_LINES = 20;

const FRAME_POSITION = new RegExp(`${USER_FILE.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`);

/** Rewrites positions to the user's lines and keeps only user and native frames. */
function userStack(stack) {
  if (typeof stack !== 'string') return undefined;
  const lines = stack
    .split('\n')
    .filter((l) => userLine(l) !== undefined || l.includes('(native)'))
    .slice(0, MAX_STACK_LINES)
    .map((l) => l.replace(FRAME_POSITION, (_, line, col) => `${USER_FILE}:${Number(line) - WRAPPER_LINES}${col ? `:${col}` : ''}`));
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** The user's line a stack frame points at; undefined for other files and for the wrapper's own line. */
function userLine(frame) {
  const m = FRAME_POSITION.exec(frame);
  if (!m) return undefined;
  const line = Number(m[1]) - WRAPPER_LINES;
  return line >= 1 ? line : undefined;
}

/**
 * The first position in the user's code named by a stack, as `{ line, column }`. When the
 * time limit interrupts a loop, QuickJS names the start of the running function, not the loop.
 */
export function userPosition(stack) {
  if (typeof stack !== 'string') return {};
  for (const frame of stack.split('\n')) {
    const line = userLine(frame);
    if (line === undefined) continue;
    const column = FRAME_POSITION.exec(frame)[2];
    return column ? { line, column: Number(column) } : { line };
  }
  return {};
}

/** A position past the end of the source (the wrapper's closing line) is the end of the source. */
function clampToSource(where, source) {
  if (where.line === undefined || typeof source !== 'string') return where;
  const lines = source.split('\n');
  if (where.line <= lines.length) return where;
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * A failure from a described thrown value (`{ name?, message, stack? }`). QuickJS signals its
 * own limits as InternalErrors; user code could fake one, which only misfiles its own error.
 */
export function failureFromThrown(described, { interrupted, growRefused }, source) {
  const { name, message = 'the code threw a value that could not be read', stack } = described;
  const where = clampToSource(userPosition(stack), source);
  const base = { ...where, ...(userStack(stack) && { stack: userStack(stack) }) };
  if (interrupted) return { kind: 'timeout', message: 'the time limit was reached', ...base };
  // When even the error object cannot be allocated, QuickJS throws null instead; and with the
  // memory still held (by a global), describing what was thrown may fail for the same reason.
  const starved = growRefused && (described.null || described.unreadable);
  const outOfMemory = (name === 'InternalError' && message === 'out of memory') || starved;
  if (outOfMemory) return { kind: 'memory', message: 'the memory limit was reached', ...base };
  if (name === 'InternalError' && message === 'stack overflow') return { kind: 'stack', message: 'the stack limit was reached (recursion too deep)', ...base };
  if (described.null) return { kind: 'error', message: 'null was thrown', ...base };
  return { kind: 'error', ...(name !== undefined && { name }), message, ...base };
}

/** A failure when the WebAssembly engine itself threw in the thread (its state is then unusable). */
export function failureFromHost(err, { interrupted }) {
  if (interrupted) return { kind: 'timeout', message: 'the time limit was reached' };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { kind: 'stack', message: 'the stack limit was reached (recursion too deep)' };
  }
  return { kind: 'crash', message: `the sandbox engine failed: ${err instanceof Error ? err.message : String(err)}` };
}
