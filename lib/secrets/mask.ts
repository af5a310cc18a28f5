import { MIN_SECRET_LENGTH, maskFor } from './names';

export type SecretValues = ReadonlyMap<string, string>;

interface Replacement { text: string; mask: string }

/** Each secret as it may appear in text: as is, URL-encoded (as a component or inside a URL) and JSON-escaped; longest first. */
function replacements(secrets: SecretValues): Replacement[] {
  const out: Replacement[] = [];
  for (const [name, value] of secrets) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    const forms = new Set([value, encodeURIComponent(value), encodeURI(value), JSON.stringify(value).slice(1, -1)]);
    for (const text of forms) out.push({ text, mask: maskFor(name) });
  }
  return out.sort((a, b) => b.text.length - a.text.length);
}

function maskString(s: string, list: Replacement[]): string {
  let out = s;
  for (const r of list) if (out.includes(r.text)) out = out.replaceAll(r.text, r.mask);
  return out;
}

// response headers, for one, are null-prototype objects
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, list: Replacement[]): unknown {
  if (typeof value === 'string') return maskString(value, list);
  if (Array.isArray(value)) return value.map((v) => walk(v, list));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskString(k, list), walk(v, list)]));
  }
  return value;
}

/** A copy of a JSON-like value with every secret value replaced by `[secret:NAME]`. */
export function maskSecrets<T>(value: T, secrets: SecretValues): T {
  const list = replacements(secrets);
  return list.length === 0 ? value : walk(value, list) as T;
}

/** A thrown error as a plain object (the fields a step's error record keeps), with secrets masked. */
export function maskError(err: unknown, secrets: SecretValues): unknown {
  const e = err as { message?: unknown; code?: unknown; retriable?: unknown; details?: unknown; retryAfterMs?: unknown } | null;
  if (e === null || typeof e !== 'object') return maskSecrets(String(err), secrets);
  return maskSecrets({
    message: typeof e.message === 'string' ? e.message : String(err),
    ...(e.code !== undefined && { code: e.code }),
    ...(e.retriable !== undefined && { retriable: e.retriable }),
    ...(e.details !== undefined && { details: e.details }),
    ...(e.retryAfterMs !== undefined && { retryAfterMs: e.retryAfterMs }),
  }, secrets);
}
