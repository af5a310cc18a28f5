import type { VerifyOptions } from '../document';
import { base64Digest, hexDigest, hmacSha256, matchingSecret } from './crypto';
import { refused, secretLabel, verified, type SchemeVerifier } from './types';

type Options = Extract<VerifyOptions, { scheme: 'hmac-sha256' }>;

/** A plain HMAC-SHA256 of the body in a configurable header, after an optional prefix, hex or base64. */
export const hmacSha256Scheme: SchemeVerifier<Options> = {
  verify(options, { headers, body, secrets }) {
    const header = headers.get(options.header);
    if (header === null) return refused(`missing header "${options.header}"`);
    const value = header.trim();
    if (!value.startsWith(options.prefix)) return refused(`header "${options.header}" must start with "${options.prefix}"`);
    const encoded = value.slice(options.prefix.length);
    const digest = options.encoding === 'hex' ? hexDigest(encoded) : base64Digest(encoded);
    if (digest === null) {
      return refused(`header "${options.header}" must hold a ${options.encoding} HMAC-SHA256 (${options.encoding === 'hex' ? '64 hex digits' : '44 base64 characters'})`);
    }
    const index = matchingSecret(secrets, [digest], (secret) => hmacSha256(secret, body));
    return index < 0 ? refused(`header "${options.header}" does not match the secret`) : verified(secretLabel(index));
  },
  deliveryId: (options, headers) => (options.idHeader ? headers.get(options.idHeader) ?? undefined : undefined),
  secretHeaders: (options) => [options.header],
};
