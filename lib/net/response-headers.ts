import type { IncomingHttpHeaders } from 'node:http';

/** Header names lower-cased; repeated headers (e.g. set-cookie) joined with ', '. */
export function normalizeResponseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
