import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** The 256-bit key that encrypts stored secrets, derived from CAUSEWAY_SECRET. */
export function deriveSecretKey(causewaySecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', causewaySecret, 'causeway', 'stored-secrets/v1', 32));
}

/**
 * AES-256-GCM with a random 96-bit nonce. `context` (the owning row's id) is authenticated
 * with the ciphertext, so a secret copied onto another row does not decrypt there.
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export class SecretBoxError extends Error {}

export function openSecret(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new SecretBoxError('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('the secret does not decrypt: was CAUSEWAY_SECRET changed?');
  }
}
