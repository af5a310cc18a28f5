import { IngestError } from './errors';
import type { MediaType } from './media-type';

/** Decodes body bytes as text in the media type's charset (UTF-8 when none is given). */
export function decodeText(bytes: Uint8Array, mediaType: MediaType | null): string {
  const charset = mediaType?.params.charset ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new IngestError('unsupported_media_type', `charset "${charset}" is not supported`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new IngestError('invalid_encoding', `the request body is not valid ${charset}`);
  }
}

/** Parses body bytes as JSON; an empty body is refused as well. */
export function decodeJson(bytes: Uint8Array, mediaType: MediaType | null): unknown {
  const text = decodeText(bytes, mediaType);
  if (text.trim() === '') throw new IngestError('invalid_json', 'the request body is empty; expected JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    throw new IngestError('invalid_json', `the request body is not valid JSON${reason}`);
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
