export interface MediaType {
  /** `type/subtype`, lowercased. */
  essence: string;
  /** Parameter names lowercased; values unquoted. */
  params: Record<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const ESSENCE = new RegExp(`^(${TOKEN})/(${TOKEN})$`);
const PARAM_SOURCE = `\\s*;\\s*(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*")`;

/** Parses a Content-Type value (RFC 9110 media type); null when malformed. */
export function parseMediaType(value: string): MediaType | null {
  const trimmed = value.trim();
  const semicolon = trimmed.indexOf(';');
  const head = (semicolon === -1 ? trimmed : trimmed.slice(0, semicolon)).trim();
  if (!ESSENCE.test(head)) return null;

  const params: Record<string, string> = {};
  const rest = semicolon === -1 ? '' : trimmed.slice(semicolon);
  const param = new RegExp(PARAM_SOURCE, 'y');
  while (param.lastIndex < rest.length) {
    const start = param.lastIndex;
    const m = param.exec(rest);
    if (!m) {
      if (/^\s*;?\s*$/.test(rest.slice(start))) break;
      return null;
    }
    const raw = m[2] as string;
    const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    params[(m[1] as string).toLowerCase()] = unquoted;
  }
  return { essence: head.toLowerCase(), params };
}

/** `application/json` or any `+json` structured syntax suffix. */
export function isJsonMediaType(mediaType: MediaType): boolean {
  return mediaType.essence === 'application/json' || mediaType.essence.endsWith('+json');
}

export function isTextMediaType(mediaType: MediaType): boolean {
  return mediaType.essence.startsWith('text/');
}
