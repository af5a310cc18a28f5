import type { VerifyOptions } from '../document';
import { standardWebhooksKey } from '../secrets';
import { base64Digest, hmacSha256, matchingSecret, timestampSkew } from './crypto';
import { refused, secretLabel, verified, type SchemeVerifier } from './types';

type Options = Extract<VerifyOptions, { scheme: 'standard-webhooks' }>;

/** Standard Webhooks headers, or Svix's older names for the same thing. */
function header(headers: Headers, name: 'id' | 'timestamp' | 'signature'): string | null {
  return headers.get(`webhook-${name}`) ?? headers.get(`svix-${name}`);
}

/**
 * Standard Webhooks (standardwebhooks.com): base64 HMAC-SHA256 of `id.timestamp.body` with the
 * decoded `whsec_` key, sent as space-separated `v1,<sig>` entries; timestamps within the
 * tolerance either way.
 */
export const standardWebhooks: SchemeVerifier<Options> = {
  verify(options, { headers, body, secrets, now }) {
    const id = header(headers, 'id');
    const timestamp = header(headers, 'timestamp');
    const signature = header(headers, 'signature');
    if (id === null) return refused('missing header "webhook-id"');
    if (timestamp === null) return refused('missing header "webhook-timestamp"');
    if (signature === null) return refused('missing header "webhook-signature"');
    const skew = timestampSkew(timestamp, now, options.toleranceSeconds, 'header "webhook-timestamp"');
    if (!skew.ok) return refused(skew.reason);
    const given = signature.split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => base64Digest(entry.slice(3)))
      .filter((sig): sig is Buffer => sig !== null);
    if (given.length === 0) return refused('header "webhook-signature" has no well-formed "v1,<base64>" signature');
    const index = matchingSecret(secrets, given, (secret) => hmacSha256(standardWebhooksKey(secret), `${id}.${timestamp}.`, body));
    return index < 0 ? refused('no signature in header "webhook-signature" matches the secret') : verified(secretLabel(index));
  },
  deliveryId: (_options, headers) => header(headers, 'id') ?? undefined,
  secretHeaders: () => ['webhook-signature', 'svix-signature'],
};
