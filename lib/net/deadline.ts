import { HttpTransportError } from './errors';

/** setTimeout's ceiling; larger delays would fire immediately. */
const MAX_TIMER_MS = 2_147_483_647;

export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

/** One timer for the whole exchange (every hop, connect through body); aborts with a 'timeout' error. */
export function startDeadline(timeoutMs: number): Deadline {
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw new HttpTransportError('bad_request', `timeoutMs must be a positive number, got ${String(timeoutMs)}`, false);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new HttpTransportError('timeout', `request timed out after ${timeoutMs} ms`, true));
  }, Math.min(timeoutMs, MAX_TIMER_MS));
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
