import { IngestError } from './errors';
import { parseMediaType, type MediaType } from './media-type';

export type IngestMode = 'binary' | 'structured' | 'batched' | 'plain';

const ACCEPTED =
  'send application/json, application/cloudevents+json, application/cloudevents-batch+json, ' +
  'or any content type with ce-specversion, ce-id, ce-source and ce-type headers (binary mode)';

function firstCeHeader(headers: Headers): string | undefined {
  for (const [name] of headers) if (name.startsWith('ce-')) return name;
  return undefined;
}

/** Picks the CloudEvents HTTP mode from the headers alone, before any body is read. */
export function detectMode(headers: Headers): { mode: IngestMode; mediaType: MediaType | null } {
  const contentType = headers.get('content-type');
  const mediaType = contentType === null ? null : parseMediaType(contentType);
  if (mediaType?.essence === 'application/cloudevents+json') return { mode: 'structured', mediaType };
  if (mediaType?.essence === 'application/cloudevents-batch+json') return { mode: 'batched', mediaType };
  if (headers.has('ce-specversion')) return { mode: 'binary', mediaType };

  const ceHeader = firstCeHeader(headers);
  if (ceHeader !== undefined) {
    throw new IngestError(
      'missing_attribute',
      `header "ce-specversion" is required: a request with ce- headers (found "${ceHeader}") is a binary-mode event`,
    );
  }
  if (mediaType?.essence === 'application/json') return { mode: 'plain', mediaType };
  if (contentType === null) throw new IngestError('unsupported_media_type', `a Content-Type is required; ${ACCEPTED}`);
  const shown = mediaType?.essence ?? contentType.slice(0, 100);
  throw new IngestError('unsupported_media_type', `Content-Type "${shown}" is not supported; ${ACCEPTED}`);
}
