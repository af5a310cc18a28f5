import type { VerifyOptions } from '../document';
import { github } from './github';
import { hmacSha256Scheme } from './hmac-sha256';
import { none } from './none';
import { standardWebhooks } from './standard-webhooks';
import { stripe } from './stripe';
import { token } from './token';
import type { SchemeVerifier } from './types';

export type { SignedDelivery, Verification } from './types';

const verifiers = {
  'standard-webhooks': standardWebhooks,
  github,
  stripe,
  'hmac-sha256': hmacSha256Scheme,
  token,
  none,
} satisfies { [S in VerifyOptions['scheme']]: SchemeVerifier<Extract<VerifyOptions, { scheme: S }>> };

/** The verifier of the options' scheme, bound to those options. */
export function verifierFor(options: VerifyOptions): SchemeVerifier<VerifyOptions> {
  return verifiers[options.scheme] as SchemeVerifier<VerifyOptions>;
}

/** Always masked, whatever the scheme. */
const ALWAYS_SECRET = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];

export function secretHeaders(options: VerifyOptions): Set<string> {
  return new Set([...ALWAYS_SECRET, ...verifierFor(options).secretHeaders(options)]);
}
