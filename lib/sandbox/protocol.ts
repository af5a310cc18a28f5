/**
 * Messages between the pool (host) and a sandbox thread. The thread side is plain JavaScript
 * (lib/sandbox/thread/*.mjs, see main.mjs for why); these types are the one definition of
 * what crosses, and the thread code follows them.
 */
import type { CodeFailure, CodeLog } from '@/lib/engine/ports';

/** One run of user code, as the thread receives it. */
export interface ThreadTask {
  id: number;
  source: string;
  /** `{ event, steps, run }` as JSON text; parsed inside QuickJS. */
  inputJson: string;
  timeoutMs: number;
  memoryBytes: number;
  stackBytes: number;
  maxOutputBytes: number;
  allowFetch: boolean;
  maxFetches: number;
  maxLogLines: number;
  maxLogBytes: number;
}

/** A fetch the user code asked for; the host answers it through the safe HTTP client. */
export interface FetchAsk {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  /** What is left of the step's time limit. */
  timeoutMs: number;
}

export type FetchAnswer =
  | { status: number; headers: Record<string, string>; body: unknown }
  | { error: string };

export type HostToThread =
  | { type: 'run'; task: ThreadTask }
  | { type: 'fetch-result'; taskId: number; requestId: number; answer: FetchAnswer };

export type ThreadReport =
  | { ok: true; resultJson: string; logs: CodeLog[] }
  | { ok: false; error: CodeFailure; logs: CodeLog[] };

export type ThreadToHost =
  | { type: 'ready' }
  | { type: 'fetch'; taskId: number; requestId: number; ask: FetchAsk }
  | ({ type: 'result'; taskId: number } & ThreadReport);
