import { createHash } from 'node:crypto';
import type { VerifyOptions } from '../document';
import { matchingSecret } from './crypto';
import { refused, verified, type SchemeVerifier } from './types';

type Options = Extract<VerifyOptions, { scheme: 'token' }>;

// Hashing both sides gives equal-length buffers, so the comparison leaks neither content nor length.
const digest = (value: string) => createHash('sha256').update(value).digest();

/** A shared secret sent as is in a header (after an optional prefix such as "Bearer "). */
export const token: SchemeVerifier<Options> = {
  verify(options, { headers, secrets }) {
    const header = headers.get(options.header);
    if (header === null) return refused(`missing header "${options.header}"`);
    if (!header.startsWith(options.prefix)) return refused(`header "${options.header}" must start with "${options.prefix}"`);
    const index = matchingSecret(secrets, [digest(header.slice(options.prefix.length))], digest);
    if (index < 0) return refused(`header "${options.header}" does not hold the token`);
    return verified(index === 0 ? 'token matches the current secret' : 'token matches the previous secret (rotation grace period)');
  },
  deliveryId: (options, headers) => (options.idHeader ? headers.get(options.idHeader) ?? undefined : undefined),
  secretHeaders: (options) => [options.header],
};
