import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys } from '@/db/schema';

export interface Principal {
  kind: 'api-key';
  keyId: string | null;
  role: 'admin' | 'editor' | 'viewer';
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `cw_${randomBytes(24).toString('base64url')}`;
}

/** Stores only the hash; the key itself is returned once. */
export async function createApiKey(db: Db, input: { name: string; role?: Principal['role']; expiresAt?: Date }) {
  const key = generateApiKey();
  const [row] = await db.insert(apiKeys)
    .values({ name: input.name, role: input.role ?? 'admin', keyHash: hashApiKey(key), expiresAt: input.expiresAt })
    .returning({ id: apiKeys.id });
  return { id: row.id, key };
}

function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}

export async function authenticateBearer(db: Db, header: string | null, bootstrapKey: string | undefined): Promise<Principal | null> {
  const token = bearerToken(header);
  if (!token) return null;
  if (bootstrapKey && sameSecret(token, bootstrapKey)) return { kind: 'api-key', keyId: null, role: 'admin' };
  const [row] = await db.update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, hashApiKey(token)), isNull(apiKeys.revokedAt),
      sql`(${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`))
    .returning({ id: apiKeys.id, role: apiKeys.role });
  return row ? { kind: 'api-key', keyId: row.id, role: row.role as Principal['role'] } : null;
}
