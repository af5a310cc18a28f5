const MAX_HEADERS = 100;
const MAX_HEADER_CHARS = 1000;
export const MAX_STORED_BODY_BYTES = 64 * 1024;

/** Headers as name/value pairs for the log: secrets masked, values and count bounded. */
export function maskHeaders(headers: Headers, secret: Set<string>): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of headers) {
    if (out.length >= MAX_HEADERS) break;
    if (secret.has(name)) out.push([name, `[masked, ${value.length} characters]`]);
    else out.push([name, value.length > MAX_HEADER_CHARS ? `${value.slice(0, MAX_HEADER_CHARS)}…` : value]);
  }
  return out;
}

/** The body as text for the log, cut at MAX_STORED_BODY_BYTES. */
export function bodyPreview(body: Uint8Array): { body: string; bodyBytes: number; bodyTruncated: boolean } {
  const truncated = body.byteLength > MAX_STORED_BODY_BYTES;
  const kept = truncated ? body.subarray(0, MAX_STORED_BODY_BYTES) : body;
  return { body: new TextDecoder('utf-8').decode(kept), bodyBytes: body.byteLength, bodyTruncated: truncated };
}
