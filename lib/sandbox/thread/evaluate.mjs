/**
 * One run of user code in a fresh QuickJS runtime (nothing survives into the next run), under
 * a time limit (interrupt handler), a memory limit (the engine's WebAssembly memory, see
 * engine.mjs) and a stack limit. Answers a ThreadReport (lib/sandbox/protocol.ts) and whether
 * the engine is spent; never throws.
 */
import { failureFromHost, failureFromThrown, USER_FILE } from './errors.mjs';
import { hostFetch, hostLog, MAX_LOG_CHARS } from './host-functions.mjs';
import { createLogBuffer } from './logs.mjs';
import { parseInside, readString, serializeOutput } from './marshal.mjs';
import { installPrelude } from './prelude.mjs';

// The user writes a function body; WRAPPER_LINES in errors.mjs must match the head's line count.
const WRAPPER_HEAD = '(async function (event, steps, run) {\n';
const WRAPPER_TAIL = '\n})';
/** After the code has stopped, describing its error gets this much time and memory of its own. */
const REPORT_BUDGET_MS = 50;
const REPORT_MEMORY_HEADROOM = 4 * 1024 * 1024;
const MAX_ERROR_CHARS = 4000;

export async function evaluate(engine, task, session) {
  const logs = createLogBuffer(task);
  const clock = { deadline: Date.now() + task.timeoutMs, phase: 'user', interrupted: false, engine };
  engine.growRefused = false;
  const runtime = engine.quickjs.newRuntime();
  runtime.setMemoryLimit(task.memoryBytes);
  runtime.setMaxStackSize(task.stackBytes);
  runtime.setInterruptHandler(() => {
    if (Date.now() < clock.deadline) return false;
    if (clock.phase === 'user') clock.interrupted = true;
    return true;
  });
  const ctx = runtime.newContext();
  const state = { ctx, runtime, task, logs, clock, session, owned: [], deferreds: new Set(), inflight: new Set(), fetches: 0, closed: false };

  let report;
  let broken = false;
  try {
    report = await attempt(state);
  } catch (err) {
    // The engine threw on the host side (native stack overflow, abort): its state is not to be touched again.
    broken = true;
    report = { ok: false, error: failureFromHost(err, limitsHit(state)) };
  }
  state.closed = true;
  session.close();
  if (!broken) broken = !dispose(state);
  const memoryHit = !report.ok && report.error.kind === 'memory';
  return { report: { ...report, logs: logs.list() }, spent: broken || memoryHit || engine.growRefused };
}

function limitsHit(state) {
  return { interrupted: state.clock.interrupted, growRefused: state.clock.engine.growRefused };
}

function own(state, handle) {
  state.owned.push(handle);
  return handle;
}

function dispose(state) {
  try {
    for (const d of state.deferreds) d.dispose();
    for (const h of state.owned) if (h.alive) h.dispose();
    state.ctx.dispose();
    state.runtime.dispose();
    return true;
  } catch {
    return false;
  }
}

async function attempt(state) {
  const { ctx, task } = state;
  const helpers = installPrelude(ctx, {
    hostLog: (level, message) => hostLog(state, level, message),
    hostFetch: (ask) => hostFetch(state, ask),
    allowFetch: task.allowFetch,
    maxLogChars: Math.min(MAX_LOG_CHARS, task.maxLogBytes),
    maxErrorChars: MAX_ERROR_CHARS,
  });
  for (const h of Object.values(helpers)) own(state, h);
  const fail = (thrown) => ({ ok: false, error: failureFromThrown(describe(state, helpers, thrown), limitsHit(state), task.source) });

  const input = parseInside(ctx, task.inputJson);
  if (input.thrown) return fail(own(state, input.thrown));
  own(state, input.value);
  const args = ['event', 'steps', 'run'].map((k) => own(state, ctx.getProp(input.value, k)));

  const compiled = ctx.evalCode(WRAPPER_HEAD + task.source + WRAPPER_TAIL, USER_FILE, { type: 'global', strict: false });
  if (compiled.error) {
    const failed = fail(own(state, compiled.error));
    return failed.error.kind === 'error' && failed.error.name === 'SyntaxError' ? { ok: false, error: { ...failed.error, kind: 'syntax' } } : failed;
  }
  const fn = own(state, compiled.value);
  if (!isWrapper(ctx, helpers, fn)) {
    return { ok: false, error: { kind: 'syntax', message: 'the code must be a function body (it closes the function around it with an unmatched "}")' } };
  }

  const called = ctx.callFunction(fn, ctx.undefined, args);
  if (called.error) return fail(own(state, called.error));
  const settled = await settle(state, own(state, called.value));
  if (settled.thrown) return fail(own(state, settled.thrown));
  if (settled.timedOut) return { ok: false, error: { kind: 'timeout', message: settled.timedOut } };
  if (settled.stuck) return { ok: false, error: { kind: 'error', message: 'the code returned a promise that never settles (there are no timers in the sandbox)' } };

  const out = serializeOutput(ctx, helpers.stringify, settled.value, task.maxOutputBytes);
  if (out.failure) return { ok: false, error: out.failure };
  if (out.thrown) {
    const failed = fail(own(state, out.thrown));
    if (failed.error.kind !== 'error') return failed;
    return { ok: false, error: { ...failed.error, kind: 'output', message: `the returned value is not JSON: ${failed.error.name ?? 'Error'}: ${failed.error.message}` } };
  }
  return { ok: true, resultJson: out.json };
}

function isWrapper(ctx, helpers, fn) {
  const r = ctx.callFunction(helpers.isWrapper, ctx.undefined, [fn]);
  if (r.error) {
    r.error.dispose();
    return false;
  }
  const yes = ctx.typeof(r.value) === 'boolean' && ctx.dump(r.value) === true;
  r.value.dispose();
  return yes;
}

/** Runs promise jobs until the code's promise settles, waiting for fetch answers in between. */
async function settle(state, promise) {
  const { ctx, runtime, clock } = state;
  for (;;) {
    const jobs = runtime.executePendingJobs();
    if (jobs.error) return { thrown: jobs.error };
    const s = ctx.getPromiseState(promise);
    if (s.type === 'rejected') return { thrown: s.error };
    if (s.type === 'fulfilled' && !s.notAPromise) own(state, s.value);
    // An interrupted job ends quietly; the code still overran its time, even if its promise settled.
    if (clock.interrupted) return { timedOut: 'the time limit was reached' };
    if (s.type === 'fulfilled') return { value: s.notAPromise ? promise : s.value };
    if (state.inflight.size === 0) return { stuck: true };
    const remaining = clock.deadline - Date.now();
    let timer;
    const expired = new Promise((resolve) => { timer = setTimeout(() => resolve(true), Math.max(0, remaining)); });
    const late = await Promise.race([expired, ...state.inflight]);
    clearTimeout(timer);
    if (late === true) {
      clock.interrupted = true;
      return { timedOut: 'the time limit was reached while waiting for fetch' };
    }
  }
}

/**
 * `{ name?, message?, stack?, null? }` of a thrown value, read through the prelude with a budget
 * of its own; `{ unreadable: true }` when that fails.
 */
function describe(state, helpers, thrown) {
  const { ctx, runtime, clock, task } = state;
  clock.phase = 'report';
  clock.deadline = Date.now() + REPORT_BUDGET_MS;
  runtime.setMemoryLimit(task.memoryBytes + REPORT_MEMORY_HEADROOM);
  const unreadable = { unreadable: true };
  const r = ctx.callFunction(helpers.describe, ctx.undefined, [thrown]);
  if (r.error) {
    r.error.dispose();
    return unreadable;
  }
  const text = readString(ctx, r.value, MAX_ERROR_CHARS * 4);
  r.value.dispose();
  if (text === undefined) return unreadable;
  try {
    const parsed = JSON.parse(text);
    const str = (v) => (typeof v === 'string' ? v : undefined);
    return { name: str(parsed.name), message: str(parsed.message), stack: str(parsed.stack), null: parsed.null === true };
  } catch {
    return unreadable;
  }
}
