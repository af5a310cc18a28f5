import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { CompiledAllowList } from './allow-list';
import { HttpTransportError } from './errors';
import { toSafeHttpError } from './error-mapping';
import { createGuardedLookup, type Resolver } from './guarded-lookup';
import type { Hop } from './hop';
import { planTarget } from './target-policy';

export interface SendContext {
  list: CompiledAllowList;
  resolve: Resolver;
  /** Aborted when the overall deadline passes; its reason is the error to report. */
  signal: AbortSignal;
}

function basicAuth(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  return `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
}

function buildRequest(hop: Hop, ctx: SendContext): http.ClientRequest {
  const target = planTarget(hop.url, ctx.list);
  const transport = hop.url.protocol === 'https:' ? https : http;
  try {
    return transport.request({
      protocol: hop.url.protocol,
      host: target.host,
      port: hop.url.port || undefined,
      path: `${hop.url.pathname}${hop.url.search}`,
      method: hop.method,
      headers: hop.headers,
      auth: basicAuth(hop.url),
      // A fresh connection per request: a pooled socket might not have gone through our lookup.
      agent: false,
      lookup: createGuardedLookup({ list: ctx.list, resolve: ctx.resolve, checkAddresses: target.checkResolvedAddresses }),
    });
  } catch (err) {
    // Invalid method or header names/values are rejected synchronously by node:http.
    throw new HttpTransportError('bad_request', `invalid request: ${(err as Error).message}`, false, { cause: err });
  }
}

/**
 * Sends one request (no redirect handling) and resolves once response headers arrive; the
 * caller reads or discards the body. Policy checks that can run before connecting run here
 * synchronously, so a refused target never gets a socket.
 */
export function sendOnce(hop: Hop, ctx: SendContext): Promise<IncomingMessage> {
  if (ctx.signal.aborted) return Promise.reject(ctx.signal.reason);
  let req: http.ClientRequest;
  try {
    req = buildRequest(hop, ctx);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise<IncomingMessage>((resolve, reject) => {
    const onAbort = (): void => {
      req.destroy(ctx.signal.reason as Error);
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    // The listener stays after settling: a late socket error must not become an uncaught 'error'.
    req.on('error', (err) => {
      ctx.signal.removeEventListener('abort', onAbort);
      reject(toSafeHttpError(err));
    });
    req.on('response', (res) => {
      ctx.signal.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.end(hop.body);
  });
}
