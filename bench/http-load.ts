import http from 'node:http';
import { nowMs } from './stats';

export interface HttpLoadResult {
  /** Answers with status 2xx. */
  accepted: number;
  /** Non-2xx answers and transport errors. */
  errors: number;
  statuses: Record<string, number>;
  /** Latency of each accepted request, in ms. */
  latenciesMs: number[];
  elapsedMs: number;
}

export interface HttpLoadOptions {
  url: string;
  headers: Record<string, string>;
  concurrency: number;
  /** Stop starting requests after this long (ms)... */
  durationMs?: number;
  /** ...or after this many requests, whichever comes first. */
  count?: number;
  body(i: number): string;
  /** Awaited before each request: lets a caller hold the load back (backpressure). */
  gate?: () => Promise<void>;
}

/**
 * A closed-loop load generator on node:http with a keep-alive agent (lighter than fetch): each of
 * `concurrency` loops sends one POST, waits for the answer, and sends the next.
 */
export async function runHttpLoad(opts: HttpLoadOptions): Promise<HttpLoadResult> {
  const target = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const result: HttpLoadResult = { accepted: 0, errors: 0, statuses: {}, latenciesMs: [], elapsedMs: 0 };
  const start = nowMs();
  const deadline = opts.durationMs === undefined ? Infinity : start + opts.durationMs;
  const limit = opts.count ?? Infinity;
  let next = 0;

  const post = (body: string) => new Promise<number>((resolve) => {
    const request = http.request({
      agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'POST',
      headers: { ...opts.headers, 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    request.on('error', () => resolve(0));
    request.end(body);
  });

  const loop = async () => {
    while (nowMs() < deadline && next < limit) {
      if (opts.gate) await opts.gate();
      if (nowMs() >= deadline || next >= limit) break;
      const body = opts.body(next++);
      const t0 = nowMs();
      const status = await post(body);
      const key = String(status || 'network-error');
      result.statuses[key] = (result.statuses[key] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        result.accepted++;
        result.latenciesMs.push(nowMs() - t0);
      } else {
        result.errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, loop));
  } finally {
    agent.destroy();
  }
  result.elapsedMs = nowMs() - start;
  return result;
}
