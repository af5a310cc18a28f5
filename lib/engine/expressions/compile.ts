/**
 * Compiling JSONata with a bounded cache. An entry holds either the compiled expression or
 * its syntax error, so a bad expression is parsed once too.
 *
 * The time and depth budget uses jsonata's own guardrails (options `timeout` and `stack`),
 * which are checked on entry to every evaluation step, exactly like the `__evaluate_entry`
 * hook of jsonata's test suite (`timeboxExpression`), but with the clock start and the depth
 * counter kept in each evaluation's own environment. A cached compiled expression therefore
 * carries no mutable state shared between concurrent evaluations; the budget is part of the
 * cache key instead.
 */
import jsonata from 'jsonata';

export interface CompileOptions {
  timeoutMs: number;
  maxDepth: number;
  /** Longest sequence (range `[1..n]`, mapped path) an evaluation may build. */
  maxSequence: number;
}

export interface SyntaxProblem {
  message: string;
  position: number;
}

type Entry = { ok: true; expr: jsonata.Expression } | { ok: false; problem: SyntaxProblem };

const CACHE_LIMIT = 1000;
const cache = new Map<string, Entry>();

export const DEFAULT_COMPILE_OPTIONS: CompileOptions = {
  timeoutMs: 1000,
  maxDepth: 200,
  maxSequence: 1_000_000,
};

/** The compiled expression (cached, least recently used dropped first) or its syntax error. */
export function compile(source: string, options: CompileOptions = DEFAULT_COMPILE_OPTIONS): Entry {
  const key = `${options.timeoutMs}:${options.maxDepth}:${options.maxSequence}:${source}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const entry = parse(source, options);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, entry);
  return entry;
}

function parse(source: string, options: CompileOptions): Entry {
  if (source.trim() === '') {
    return { ok: false, problem: { message: 'the expression is empty', position: 0 } };
  }
  try {
    const expr = jsonata(source, {
      timeout: options.timeoutMs,
      stack: options.maxDepth,
      sequence: options.maxSequence,
    });
    return { ok: true, expr };
  } catch (err) {
    const e = err as { message?: unknown; position?: unknown };
    return {
      ok: false,
      problem: {
        message: typeof e.message === 'string' ? e.message : String(err),
        position: typeof e.position === 'number' ? e.position : 0,
      },
    };
  }
}

/** Number of cached entries (for tests). */
export function compileCacheSize(): number {
  return cache.size;
}
