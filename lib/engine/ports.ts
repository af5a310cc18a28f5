/**
 * What the engine needs from the outside world, passed in by the worker (adapters live in
 * worker/). The engine itself does no IO and reads no clock.
 */

export interface Clock {
  now(): Date;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  /** Stable per step (`runId:nodeId`); also present in `headers` as `Idempotency-Key`. */
  idempotencyKey: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface EmitRequest {
  type: string;
  data: unknown;
  subject?: string;
}

export interface CodeRequest {
  /** The body of an async function of (event, steps, run), as the user wrote it. */
  source: string;
  /** Copied into the sandbox as JSON: the function's arguments. */
  input: { event: unknown; steps: Record<string, unknown>; run: unknown };
  timeoutMs: number;
  memoryBytes: number;
  /** Whether the code may call `fetch` (through the same address policy as the `http` step). */
  allowFetch: boolean;
  /** Sent by the sandbox's `fetch` as `Idempotency-Key`, as the `http` step does. */
  idempotencyKey: string;
}

export interface CodeLog {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

/**
 * Why user code failed: `error` (it threw or rejected), `syntax`, a limit (`timeout`,
 * `memory`, `stack`, `output`: the result is too large or not JSON), or `crash` (the
 * sandbox itself broke; another attempt may work).
 */
export type CodeFailureKind = 'error' | 'syntax' | 'timeout' | 'memory' | 'stack' | 'output' | 'crash';

export interface CodeFailure {
  kind: CodeFailureKind;
  /** The error's name (`TypeError`, …) when the code threw an Error. */
  name?: string;
  message: string;
  /** Position in the user's source (1-based), when known. */
  line?: number;
  column?: number;
  /** The stack, user frames only, with positions in the user's source. */
  stack?: string;
}

export type CodeResult =
  | { ok: true; result: unknown; logs: CodeLog[]; elapsedMs: number }
  | { ok: false; error: CodeFailure; logs: CodeLog[]; elapsedMs: number };

export interface Ports {
  clock: Clock;
  /** Network failures may throw; throw a NodeError with retriable=false for refusals. */
  http(req: HttpRequest): Promise<HttpResponse>;
  /** Appends an event caused by the current run; answers its id and log position. */
  emit(ev: EmitRequest): Promise<{ id: string; seq: number }>;
  /** Runs user JavaScript in the sandbox (lib/sandbox). Absent where none is bound: `code` steps then fail. */
  runCode?(req: CodeRequest): Promise<CodeResult>;
}
