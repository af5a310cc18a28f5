import type { EncodedBody } from './request-body';

/** Headers the client computes itself; a caller's value for them is dropped. */
const MANAGED = new Set(['content-length', 'transfer-encoding', 'idempotency-key']);

export interface HeaderInputs {
  userHeaders: Record<string, string>;
  idempotencyKey: string;
  userAgent: string;
  body: EncodedBody | undefined;
}

/**
 * Final request headers, names lower-cased. The caller's headers are kept (including
 * content-type and user-agent, which override the defaults); Idempotency-Key and
 * Content-Length are always ours.
 */
export function buildRequestHeaders(inputs: HeaderInputs): Record<string, string> {
  const headers: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(inputs.userHeaders ?? {})) {
    const key = name.toLowerCase();
    if (MANAGED.has(key) || value === undefined || value === null) continue;
    headers[key] = String(value);
  }
  if (headers['user-agent'] === undefined) headers['user-agent'] = inputs.userAgent;
  headers['idempotency-key'] = inputs.idempotencyKey;
  if (inputs.body) {
    if (headers['content-type'] === undefined) headers['content-type'] = inputs.body.contentType;
    headers['content-length'] = String(inputs.body.bytes.length);
  }
  return headers;
}
