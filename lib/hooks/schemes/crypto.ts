import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over the concatenated parts (strings as UTF-8, bytes as they are). */
export function hmacSha256(key: string | Uint8Array, ...parts: (string | Uint8Array)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Constant-time equality; lengths are public (every signature of a scheme has the same length). */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** Index of the first secret whose expected signature equals one of `given`, or -1. */
export function matchingSecret(secrets: string[], given: Uint8Array[], expected: (secret: string) => Uint8Array): number {
  for (let i = 0; i < secrets.length; i++) {
    const want = expected(secrets[i] as string);
    let hit = false;
    // every candidate is compared, so the time taken does not tell which one matched
    for (const candidate of given) hit = safeEqual(candidate, want) || hit;
    if (hit) return i;
  }
  return -1;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=?$/;

/** A hex SHA-256 digest as bytes, or null when it is not exactly 64 hex digits. */
export function hexDigest(value: string): Buffer | null {
  return HEX_SHA256.test(value) ? Buffer.from(value, 'hex') : null;
}

/** A base64 SHA-256 digest as bytes, or null when it is not exactly one. */
export function base64Digest(value: string): Buffer | null {
  return BASE64_SHA256.test(value) ? Buffer.from(value, 'base64') : null;
}

/** Seconds between the signed timestamp and now, or a reason it is refused. */
export function timestampSkew(value: string, now: Date, toleranceSeconds: number, label: string): { ok: true } | { ok: false; reason: string } {
  if (!/^\d{1,12}$/.test(value)) return { ok: false, reason: `${label} must be a Unix time in seconds` };
  const skew = Math.floor(now.getTime() / 1000) - Number(value);
  if (skew > toleranceSeconds) {
    return { ok: false, reason: `${label} is ${skew} s old; the tolerance is ${toleranceSeconds} s` };
  }
  if (-skew > toleranceSeconds) {
    return { ok: false, reason: `${label} is ${-skew} s in the future; the tolerance is ${toleranceSeconds} s` };
  }
  return { ok: true };
}
