import type { VerifyOptions } from '../document';
import { hexDigest, hmacSha256, matchingSecret } from './crypto';
import { refused, secretLabel, verified, type SchemeVerifier } from './types';

type Options = Extract<VerifyOptions, { scheme: 'github' }>;

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`; the delivery id is `X-GitHub-Delivery`. */
export const github: SchemeVerifier<Options> = {
  verify(_options, { headers, body, secrets }) {
    const header = headers.get('x-hub-signature-256');
    if (header === null) return refused('missing header "X-Hub-Signature-256"');
    const digest = header.startsWith('sha256=') ? hexDigest(header.slice(7)) : null;
    if (digest === null) return refused('header "X-Hub-Signature-256" must be "sha256=" and 64 hex digits');
    const index = matchingSecret(secrets, [digest], (secret) => hmacSha256(secret, body));
    return index < 0 ? refused('header "X-Hub-Signature-256" does not match the secret') : verified(secretLabel(index));
  },
  deliveryId: (_options, headers) => headers.get('x-github-delivery') ?? undefined,
  secretHeaders: () => ['x-hub-signature-256', 'x-hub-signature'],
};
