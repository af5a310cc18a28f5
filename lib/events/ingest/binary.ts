import { ATTRIBUTE_NAME, ATTRIBUTE_NAME_RULE } from './attributes';
import { toBase64 } from './base64';
import { decodeJson, decodeText } from './decode-body';
import { IngestError } from './errors';
import { isJsonMediaType, isTextMediaType, parseMediaType, type MediaType } from './media-type';
import { percentDecodeHeader } from './percent-decode';
import { toEventInput, type Where } from './to-event';
import type { EventInput } from './types';

const WHERE: Where = {
  prefix: '',
  attribute: (name) => (name === 'datacontenttype' ? 'header "Content-Type"' : `header "ce-${name}"`),
};

/** The `ce-*` headers as attribute name -> percent-decoded value. */
function headerAttributes(headers: Headers): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of headers) {
    if (!name.startsWith('ce-')) continue;
    const attribute = name.slice(3);
    const label = `header "${name}"`;
    if (!ATTRIBUTE_NAME.test(attribute)) {
      throw new IngestError('invalid_attribute', `${label} does not name a valid attribute: ${ATTRIBUTE_NAME_RULE}`);
    }
    if (attribute === 'data') {
      throw new IngestError('invalid_attribute', `${label} is not allowed: in binary mode the body is the data`);
    }
    if (attribute === 'datacontenttype') {
      throw new IngestError('invalid_attribute', `${label} is not allowed: in binary mode Content-Type is the datacontenttype`);
    }
    attributes[attribute] = percentDecodeHeader(value, label);
  }
  return attributes;
}

/** JSON for JSON media types, text for text/*, base64 for anything else; nothing for an empty body. */
function bodyAsData(body: Uint8Array, mediaType: MediaType | null): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  if (mediaType !== null && isJsonMediaType(mediaType)) return { data: decodeJson(body, mediaType) };
  if (mediaType !== null && isTextMediaType(mediaType)) return { data: decodeText(body, mediaType) };
  return { data_base64: toBase64(body) };
}

/** A binary-mode event: attributes in `ce-*` headers, the body is the data (CloudEvents HTTP binding 3.1). */
export function binaryEvent(headers: Headers, body: Uint8Array): EventInput {
  const members = headerAttributes(headers);
  const contentType = headers.get('content-type');
  let mediaType: MediaType | null = null;
  if (contentType !== null) {
    mediaType = parseMediaType(contentType);
    if (mediaType === null) throw new IngestError('invalid_attribute', 'header "Content-Type" is not a valid media type');
    members.datacontenttype = contentType.trim();
  }
  return toEventInput({ ...members, ...bodyAsData(body, mediaType) }, WHERE);
}
