import { randomBytes } from 'node:crypto';
import type { Scheme } from './document';

const WHSEC = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The key bytes of a Standard Webhooks secret (`whsec_` + base64); the prefix is optional. */
export function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(WHSEC) ? secret.slice(WHSEC.length) : secret, 'base64');
}

export function isStandardWebhooksSecret(secret: string): boolean {
  const encoded = secret.startsWith(WHSEC) ? secret.slice(WHSEC.length) : secret;
  return BASE64.test(encoded) && Buffer.from(encoded, 'base64').byteLength >= 16;
}

/** A fresh secret in the form the scheme's senders expect; Stripe's is issued by Stripe, not by us. */
export function generateSecret(scheme: Exclude<Scheme, 'stripe' | 'none'>): string {
  const bytes = randomBytes(32);
  return scheme === 'standard-webhooks' ? `${WHSEC}${bytes.toString('base64')}` : bytes.toString('base64url');
}

/** Enough of a secret to recognise it, never enough to use it. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}
