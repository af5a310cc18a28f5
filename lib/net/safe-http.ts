import type { HttpRequest, HttpResponse } from '../engine/ports';
import type { IncomingMessage } from 'node:http';
import { compileAllowList } from './allow-list';
import { startDeadline } from './deadline';
import { decodeBody } from './decode-body';
import { HttpTransportError } from './errors';
import { systemResolver, type Resolver } from './guarded-lookup';
import type { Hop } from './hop';
import { readBody } from './read-body';
import { nextHop } from './redirects';
import { encodeBody } from './request-body';
import { buildRequestHeaders } from './request-headers';
import { normalizeResponseHeaders } from './response-headers';
import { sendOnce, type SendContext } from './send-once';

export { HttpBlockedError, HttpTransportError, type HttpTransportErrorCode } from './errors';
export { parseAllowList } from './allow-list';
export { isAddressBlocked } from './address-policy';
export type { Resolver } from './guarded-lookup';

export interface SafeHttpOptions {
  /** Host names (exact, case-insensitive), IPs and CIDRs admitted despite the address policy (CAUSEWAY_HTTP_ALLOW). */
  allow: string[];
  /** Redirects followed before failing with 'too_many_redirects'. Default 5. */
  maxRedirects?: number;
  /** Largest accepted response body in bytes. Default 5 MiB. */
  maxResponseBytes?: number;
  userAgent?: string;
  /** DNS resolution (all addresses). Default: the system resolver (`dns.lookup`). For tests. */
  resolve?: Resolver;
}

/** The exchange the engine's `http` port describes; this client is its implementation. */
export type SafeHttpRequest = HttpRequest;
export type SafeHttpResponse = HttpResponse;

export type SafeHttp = (req: SafeHttpRequest) => Promise<SafeHttpResponse>;

const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const DEFAULT_USER_AGENT = 'Causeway/0.1 (workflow http step)';

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch (err) {
    throw new HttpTransportError('bad_url', `invalid URL: ${url}`, false, { cause: err });
  }
}

function firstHop(req: SafeHttpRequest, userAgent: string): Hop {
  const url = parseUrl(req.url);
  url.hash = '';
  const body = encodeBody(req.body);
  const headers = buildRequestHeaders({ userHeaders: req.headers, idempotencyKey: req.idempotencyKey, userAgent, body });
  return { url, method: req.method.toUpperCase(), headers, body: body?.bytes };
}

async function toResponse(res: IncomingMessage, limit: number, signal: AbortSignal): Promise<SafeHttpResponse> {
  const bytes = await readBody(res, limit, signal);
  const headers = normalizeResponseHeaders(res.headers);
  return {
    status: res.statusCode ?? 0,
    headers,
    body: decodeBody(bytes, headers['content-type'], headers['content-encoding']),
  };
}

/** The next hop when `res` is a redirect to follow (its body is discarded), else undefined. */
function followRedirect(hop: Hop, res: IncomingMessage): Hop | undefined {
  let next: Hop | undefined;
  try {
    next = nextHop(hop, res.statusCode ?? 0, res.headers.location);
  } catch (err) {
    res.destroy();
    throw err;
  }
  if (next) res.destroy();
  return next;
}

/**
 * The outbound HTTP client of the `http` step. Refuses non-http(s) schemes and non-public
 * targets (checked before connecting, on the resolved addresses and on every redirect hop)
 * unless `allow` admits them. Rejects with HttpBlockedError or HttpTransportError; HTTP error
 * statuses (4xx/5xx) are ordinary responses.
 */
export function createSafeHttp(opts: SafeHttpOptions): SafeHttp {
  const list = compileAllowList(opts.allow);
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  const resolve = opts.resolve ?? systemResolver;

  return async function safeHttp(req: SafeHttpRequest): Promise<SafeHttpResponse> {
    let hop = firstHop(req, userAgent);
    const deadline = startDeadline(req.timeoutMs);
    const ctx: SendContext = { list, resolve, signal: deadline.signal };
    try {
      for (let redirects = 0; ; redirects++) {
        const res = await sendOnce(hop, ctx);
        const next = followRedirect(hop, res);
        if (!next) return await toResponse(res, maxResponseBytes, deadline.signal);
        if (redirects >= maxRedirects) {
          throw new HttpTransportError('too_many_redirects', `more than ${maxRedirects} redirects`, false);
        }
        hop = next;
      }
    } finally {
      deadline.clear();
    }
  };
}
