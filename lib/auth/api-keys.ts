import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { ApiError, notFound } from '@/lib/http/errors';
import type { Principal } from './principal';
import { roleSchema, type Role } from './roles';
import { sameSecret, tokenHash } from './tokens';

export type { Principal } from './principal';

export const hashApiKey = tokenHash;

export function generateApiKey(): string {
  return `cw_${randomBytes(24).toString('base64url')}`;
}

const PREFIX_CHARS = 7;

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(100),
  role: roleSchema,
  expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).nullish()
    .refine((v) => !v || Date.parse(v) > Date.now(), 'must be in the future'),
}).strict();

/** Stores only the hash; the key itself is returned once. */
export async function createApiKey(db: Db, input: { name: string; role?: Role; expiresAt?: Date | null; createdBy?: string }) {
  const key = generateApiKey();
  const [row] = await db.insert(apiKeys)
    .values({
      name: input.name, role: input.role ?? 'admin', keyHash: hashApiKey(key), prefix: key.slice(0, PREFIX_CHARS),
      expiresAt: input.expiresAt ?? null, createdBy: input.createdBy ?? null,
    })
    .returning();
  return { ...view(row!), key };
}

function view(row: typeof apiKeys.$inferSelect) {
  const now = Date.now();
  const status = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt.getTime() <= now ? 'expired' : 'active';
  return {
    id: row.id, name: row.name, role: row.role as Role, prefix: row.prefix, status, createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export type ApiKeyView = ReturnType<typeof view>;

export async function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  return (await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt))).map(view);
}

/** Revokes at once: every request looks the key up again. Revoking twice is a conflict. */
export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyView> {
  if (!z.uuid().safeParse(id).success) throw notFound('API key');
  const [row] = await db.update(apiKeys).set({ revokedAt: sql`clock_timestamp()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning();
  if (row) return view(row);
  const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id));
  if (!existing) throw notFound('API key');
  throw new ApiError('conflict', 'the API key is already revoked');
}

export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

/** `last_used_at` is written at most this often per key, so busy keys do not cost a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateBearer(db: Db, header: string | null, bootstrapKey: string | undefined): Promise<Principal | null> {
  const token = bearerToken(header);
  if (!token) return null;
  if (bootstrapKey && sameSecret(token, bootstrapKey)) return { kind: 'api-key', keyId: null, name: 'bootstrap', role: 'admin' };
  const [row] = await db.select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(token)), isNull(apiKeys.revokedAt),
      sql`(${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
  }
  return { kind: 'api-key', keyId: row.id, name: row.name, role: row.role as Role };
}
