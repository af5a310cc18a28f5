import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '@/lib/auth/password';

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain('correct');
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', hash)).resolves.toBe(false);
    await expect(verifyPassword('Correct horse battery staple', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same password here', b)).resolves.toBe(true);
  });

  it('treats canonically equal Unicode spellings as the same password', async () => {
    const composed = 'caf\u00e9 au lait, bitte';
    const decomposed = 'cafe\u0301 au lait, bitte';
    await expect(verifyPassword(decomposed, await hashPassword(composed))).resolves.toBe(true);
  });

  it('refuses malformed or tampered hashes instead of throwing or allocating without bound', async () => {
    const good = await hashPassword('a sound password');
    const [, , r, p, salt, key] = good.split('$');
    for (const bad of ['', 'plain', `bcrypt$10$x$y`, `scrypt$${2 ** 30}$${r}$${p}$${salt}$${key}`, `scrypt$32768$8$3$${salt}$`, `scrypt$-1$8$3$${salt}$${key}`]) {
      await expect(verifyPassword('a sound password', bad), bad).resolves.toBe(false);
    }
    const flipped = `${good.slice(0, -2)}${good.at(-2) === 'A' ? 'B' : 'A'}${good.at(-1)}`;
    await expect(verifyPassword('a sound password', flipped)).resolves.toBe(false);
  });

  it('asks for a rehash when the stored parameters are weaker than today’s', async () => {
    expect(needsRehash(await hashPassword('whatever you like'))).toBe(false);
    expect(needsRehash('scrypt$16384$8$1$c2FsdA$a2V5')).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});
