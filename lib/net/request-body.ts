import { HttpTransportError } from './errors';

export interface EncodedBody {
  bytes: Buffer;
  /** Content type implied by the body's shape; an explicit header wins over it. */
  contentType: string;
}

function serializeJson(body: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (err) {
    throw new HttpTransportError('bad_request', `request body cannot be sent as JSON: ${(err as Error).message}`, false, {
      cause: err,
    });
  }
  if (text === undefined) {
    throw new HttpTransportError('bad_request', `request body of type ${typeof body} cannot be sent as JSON`, false);
  }
  return text;
}

/**
 * `undefined`/`null` → no body; strings as is; bytes as is; anything else
 * (objects, arrays, numbers, booleans) as JSON.
 */
export function encodeBody(body: unknown): EncodedBody | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8' };
  if (body instanceof Uint8Array) return { bytes: Buffer.from(body), contentType: 'application/octet-stream' };
  return { bytes: Buffer.from(serializeJson(body), 'utf8'), contentType: 'application/json' };
}
