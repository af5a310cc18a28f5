const TEXTUAL_TYPES = new Set([
  'application/xml',
  'application/javascript',
  'application/ecmascript',
  'application/x-www-form-urlencoded',
  'application/yaml',
  'application/x-yaml',
  'application/graphql',
  'application/x-ndjson',
  'application/ndjson',
  'application/csv',
  'application/sql',
]);

interface MediaType {
  essence: string;
  charset: string | undefined;
}

function parseMediaType(contentType: string | undefined): MediaType | undefined {
  if (!contentType) return undefined;
  const [essence, ...params] = contentType.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [name, value] = param.split('=');
    if (name?.trim().toLowerCase() === 'charset' && value) charset = value.trim().replace(/^"|"$/g, '');
  }
  return { essence: essence.trim().toLowerCase(), charset };
}

function isJson(essence: string): boolean {
  return essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json');
}

function isText(essence: string): boolean {
  return essence.startsWith('text/') || essence.endsWith('+xml') || TEXTUAL_TYPES.has(essence);
}

function decodeText(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Response body as a workflow value: JSON types parsed (text if unparsable), textual types as
 * text, anything else — or a body still compressed with Content-Encoding — as base64.
 * Without a Content-Type, valid UTF-8 is text and anything else base64.
 */
export function decodeBody(bytes: Buffer, contentType: string | undefined, contentEncoding: string | undefined): unknown {
  if (bytes.length === 0) return '';
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return bytes.toString('base64');
  const media = parseMediaType(contentType);
  if (!media) return strictUtf8(bytes) ?? bytes.toString('base64');
  if (isJson(media.essence)) {
    const text = decodeText(bytes, media.charset);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (isText(media.essence)) return decodeText(bytes, media.charset);
  return bytes.toString('base64');
}
