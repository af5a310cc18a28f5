import type { VerifyOptions } from '../document';
import { hexDigest, hmacSha256, matchingSecret, timestampSkew } from './crypto';
import { refused, secretLabel, verified, type SchemeVerifier } from './types';

type Options = Extract<VerifyOptions, { scheme: 'stripe' }>;

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, each v1 the hex HMAC-SHA256 of
 * `t.body` with the endpoint secret; a timestamp outside the tolerance is refused.
 */
export const stripe: SchemeVerifier<Options> = {
  verify(options, { headers, body, secrets, now }) {
    const header = headers.get('stripe-signature');
    if (header === null) return refused('missing header "Stripe-Signature"');
    let timestamp: string | undefined;
    const given: Buffer[] = [];
    for (const item of header.split(',')) {
      const eq = item.indexOf('=');
      const key = item.slice(0, eq).trim();
      const value = item.slice(eq + 1).trim();
      if (key === 't') timestamp ??= value;
      if (key === 'v1') {
        const digest = hexDigest(value);
        if (digest) given.push(digest);
      }
    }
    if (timestamp === undefined) return refused('header "Stripe-Signature" has no timestamp (t=)');
    if (given.length === 0) return refused('header "Stripe-Signature" has no well-formed v1 signature');
    const skew = timestampSkew(timestamp, now, options.toleranceSeconds, 'the Stripe-Signature timestamp');
    if (!skew.ok) return refused(skew.reason);
    const index = matchingSecret(secrets, given, (secret) => hmacSha256(secret, `${timestamp}.`, body));
    return index < 0 ? refused('no v1 signature in header "Stripe-Signature" matches the secret') : verified(secretLabel(index));
  },
  // Stripe names no delivery in a header; the event's own `id` in the body is used instead.
  deliveryId: () => undefined,
  secretHeaders: () => ['stripe-signature'],
};
