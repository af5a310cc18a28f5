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

export interface Ports {
  clock: Clock;
  /** Network failures may throw; throw a NodeError with retriable=false for refusals. */
  http(req: HttpRequest): Promise<HttpResponse>;
  /** Appends an event caused by the current run; answers its id and log position. */
  emit(ev: EmitRequest): Promise<{ id: string; seq: number }>;
}
