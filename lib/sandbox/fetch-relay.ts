/** The host's half of the sandbox's `fetch`: each ask goes through the safe HTTP client of lib/net. */
import { HTTP_METHODS } from '@/lib/engine/nodes';
import type { SafeHttp } from '@/lib/net/safe-http';
import type { FetchAnswer, FetchAsk } from './protocol';

const methods = new Set<string>(HTTP_METHODS);

export async function relayFetch(http: SafeHttp | undefined, ask: FetchAsk, idempotencyKey: string): Promise<FetchAnswer> {
  const label = `${ask.method} ${ask.url}`;
  if (!http) return { error: `fetch ${label}: no HTTP client is bound in this process` };
  if (!methods.has(ask.method)) return { error: `fetch ${label}: method must be one of ${HTTP_METHODS.join(', ')}` };
  try {
    const res = await http({
      method: ask.method,
      url: ask.url,
      headers: ask.headers,
      ...(ask.body !== undefined && { body: ask.body }),
      timeoutMs: ask.timeoutMs,
      idempotencyKey,
    });
    return { status: res.status, headers: res.headers, body: res.body };
  } catch (err) {
    return { error: `fetch ${label} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
