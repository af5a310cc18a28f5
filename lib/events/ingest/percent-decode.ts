import { IngestError } from './errors';

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/**
 * Decodes a CloudEvents HTTP header value: `%XX` octets, then UTF-8
 * (CloudEvents HTTP binding 1.0, 3.1.3.2). Unencoded characters are taken as the
 * octets they arrived as, so raw UTF-8 in a header also decodes. `label` names
 * the header in the error.
 */
export function percentDecodeHeader(value: string, label: string): string {
  const bytes = new Uint8Array(value.length);
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x25) {
      const hex = value.slice(i + 1, i + 3);
      if (!HEX_PAIR.test(hex)) {
        throw new IngestError(
          'invalid_encoding',
          `${label} has a bad percent-encoding at position ${i} ("%" must be followed by two hex digits)`,
        );
      }
      bytes[length++] = parseInt(hex, 16);
      i += 2;
    } else if (code > 0xff) {
      throw new IngestError('invalid_encoding', `${label} contains a character that is not an octet`);
    } else {
      bytes[length++] = code;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length));
  } catch {
    throw new IngestError('invalid_encoding', `${label} is not valid UTF-8 once percent-decoded`);
  }
}
