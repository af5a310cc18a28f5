import { decodeJson, decodeText } from '@/lib/events/ingest/decode-body';
import { IngestError } from '@/lib/events/ingest/errors';
import { isJsonMediaType, isTextMediaType, parseMediaType, type MediaType } from '@/lib/events/ingest/media-type';

const ACCEPTED = 'send application/json (or any +json type), application/x-www-form-urlencoded or text/plain';

export type BodyKind = 'json' | 'form' | 'text';

/** Checks the Content-Type from the headers alone, before any of the body is read (415). */
export function deliveryMediaType(headers: Headers): { kind: BodyKind; mediaType: MediaType } {
  const contentType = headers.get('content-type');
  if (contentType === null) throw new IngestError('unsupported_media_type', `a Content-Type is required; ${ACCEPTED}`);
  const mediaType = parseMediaType(contentType);
  if (mediaType !== null) {
    if (isJsonMediaType(mediaType)) return { kind: 'json', mediaType };
    if (mediaType.essence === 'application/x-www-form-urlencoded') return { kind: 'form', mediaType };
    if (isTextMediaType(mediaType)) return { kind: 'text', mediaType };
  }
  const shown = mediaType?.essence ?? contentType.slice(0, 100);
  throw new IngestError('unsupported_media_type', `Content-Type "${shown}" is not supported; ${ACCEPTED}`);
}

function formFields(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = fields[key];
    fields[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return fields;
}

/**
 * The event data of a delivery: JSON as parsed, a form as an object of its fields, text as a
 * string. GitHub's form-encoded deliveries carry their JSON in a `payload` field, which is unwrapped.
 */
export function deliveryData(body: Uint8Array, type: { kind: BodyKind; mediaType: MediaType }, opts: { payloadField: boolean }): {
  data: unknown; datacontenttype: string;
} {
  if (type.kind === 'json') return { data: decodeJson(body, type.mediaType), datacontenttype: 'application/json' };
  if (type.kind === 'text') return { data: decodeText(body, type.mediaType), datacontenttype: type.mediaType.essence };
  const fields = formFields(decodeText(body, type.mediaType));
  if (opts.payloadField && typeof fields.payload === 'string') {
    return { data: decodeJson(new TextEncoder().encode(fields.payload), null), datacontenttype: 'application/json' };
  }
  return { data: fields, datacontenttype: 'application/json' };
}
