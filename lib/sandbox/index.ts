/**
 * The code sandbox: user JavaScript run by QuickJS (WebAssembly) in a pool of worker threads.
 * Implements the engine's `runCode` port (lib/engine/ports.ts). What it guarantees and what it
 * does not is in the README ("Security: the code step sandbox").
 */
import os from 'node:os';
import type { CodeRequest, CodeResult } from '@/lib/engine/ports';
import type { SafeHttp } from '@/lib/net/safe-http';
import { relayFetch } from './fetch-relay';
import {
  DEFAULT_MAX_OUTPUT_BYTES, MAX_FETCHES_PER_RUN, MAX_LOG_BYTES, MAX_LOG_LINES, SANDBOX_STACK_BYTES,
} from './limits';
import { ThreadPool, type PoolStats } from './pool';

export interface SandboxOptions {
  /** Threads running user code at once. Default: the cores less one (at least 1, at most 4). */
  threads?: number;
  /** Largest result, as JSON bytes. Default 1 MiB. */
  maxOutputBytes?: number;
  /** The client behind `fetch` for steps that allow it; without one, fetch fails. */
  http?: SafeHttp;
  /** For tests: how long past its limit a silent thread is terminated, and idle threads kept. */
  graceMs?: number;
  idleMs?: number;
}

export interface Sandbox {
  runCode(req: CodeRequest): Promise<CodeResult>;
  stats(): PoolStats;
  close(): Promise<void>;
}

export function defaultThreadCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const pool = new ThreadPool({ threads: options.threads ?? defaultThreadCount(), graceMs: options.graceMs, idleMs: options.idleMs });
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  let nextTaskId = 1;

  return {
    async runCode(req) {
      const task = {
        id: nextTaskId++,
        source: req.source,
        inputJson: JSON.stringify(req.input),
        timeoutMs: req.timeoutMs,
        memoryBytes: req.memoryBytes,
        stackBytes: SANDBOX_STACK_BYTES,
        maxOutputBytes,
        allowFetch: req.allowFetch,
        maxFetches: MAX_FETCHES_PER_RUN,
        maxLogLines: MAX_LOG_LINES,
        maxLogBytes: MAX_LOG_BYTES,
      };
      const outcome = await pool.run(task, (ask) => relayFetch(options.http, ask, req.idempotencyKey));
      if (!outcome.ok) return outcome;
      return { ok: true, result: JSON.parse(outcome.resultJson), logs: outcome.logs, elapsedMs: outcome.elapsedMs };
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
