import { HttpTransportError } from './errors';
import type { Hop } from './hop';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Credentials and routing headers that must not follow a redirect to another origin. */
const CROSS_ORIGIN_DROPPED = ['authorization', 'proxy-authorization', 'cookie', 'host'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

function switchesToGet(status: number, method: string): boolean {
  if (status === 303) return method !== 'HEAD';
  return (status === 301 || status === 302) && method === 'POST';
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  const next: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(headers)) if (!names.includes(key)) next[key] = value;
  return next;
}

/**
 * The request to make after a response, or undefined when the response is final (not a
 * redirect status, or no Location). 303 — and 301/302 after POST — become GET without a body,
 * as browsers do; 307/308 repeat method and body.
 */
export function nextHop(current: Hop, status: number, location: string | undefined): Hop | undefined {
  if (!REDIRECT_STATUSES.has(status) || !location) return undefined;
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch (err) {
    throw new HttpTransportError('bad_url', `redirect to an invalid location: ${location}`, false, { cause: err });
  }
  url.hash = '';
  let { method, headers, body } = current;
  if (switchesToGet(status, method)) {
    method = 'GET';
    body = undefined;
    headers = withoutHeaders(headers, BODY_HEADERS);
  }
  if (url.origin !== current.url.origin) headers = withoutHeaders(headers, CROSS_ORIGIN_DROPPED);
  return { url, method, headers, body };
}
