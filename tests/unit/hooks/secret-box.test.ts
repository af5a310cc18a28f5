import { describe, expect, it } from 'vitest';
import { deriveSecretKey, openSecret, sealSecret, SecretBoxError } from '@/lib/hooks/secret-box';

const key = deriveSecretKey('a-causeway-secret-for-tests');

describe('stored secrets (AES-256-GCM keyed by CAUSEWAY_SECRET)', () => {
  it('round-trips, and the sealed form does not contain the secret', () => {
    const sealed = sealSecret(key, 'whsec_plain-secret-value', 'hook-1');
    expect(sealed).not.toContain('plain-secret-value');
    expect(sealed).toMatch(/^v1\./);
    expect(openSecret(key, sealed, 'hook-1')).toBe('whsec_plain-secret-value');
  });

  it('uses a fresh nonce each time', () => {
    expect(sealSecret(key, 's', 'hook-1')).not.toBe(sealSecret(key, 's', 'hook-1'));
  });

  it('does not open under another key, for another row, or when tampered with', () => {
    const sealed = sealSecret(key, 'secret', 'hook-1');
    expect(() => openSecret(deriveSecretKey('another-causeway-secret'), sealed, 'hook-1')).toThrow(SecretBoxError);
    expect(() => openSecret(key, sealed, 'hook-2')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => openSecret(key, [...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'hook-1')).toThrow(SecretBoxError);
  });
});
