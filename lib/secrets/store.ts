import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { secrets } from '@/db/schema';
import { isUniqueViolation } from '@/lib/auth/users';
import { openSecret, sealSecret } from '@/lib/hooks/secret-box';
import { ApiError, notFound } from '@/lib/http/errors';
import { MAX_SECRET_BYTES, MIN_SECRET_LENGTH, SECRET_NAME } from './names';

export interface SecretDeps {
  db: Db;
  /** The AES-256-GCM key derived from CAUSEWAY_SECRET (lib/hooks/secret-key.ts). */
  key: Buffer;
}

const value = z.string()
  .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`)
  .refine((v) => Buffer.byteLength(v) <= MAX_SECRET_BYTES, `must be at most ${MAX_SECRET_BYTES} bytes`);
export const secretNameSchema = z.string().regex(SECRET_NAME, 'must be a letter or _ followed by letters, digits or _ (at most 64)');
export const newSecretSchema = z.object({ name: secretNameSchema, value }).strict();
export const secretValueSchema = z.object({ value }).strict();

// the row id is authenticated with the ciphertext, so a value copied onto another row does not decrypt
const context = (id: string) => `secret:${id}`;

function view(row: typeof secrets.$inferSelect) {
  return {
    name: row.name, createdBy: row.createdBy, updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}
/** What anyone is ever shown of a secret: never its value. */
export type SecretView = ReturnType<typeof view>;

export async function listSecrets(db: Db): Promise<SecretView[]> {
  return (await db.select().from(secrets).orderBy(asc(secrets.name))).map(view);
}

export async function createSecret(deps: SecretDeps, body: unknown, by: string): Promise<SecretView & { id: string }> {
  const input = newSecretSchema.parse(body);
  const id = randomUUID();
  try {
    const [row] = await deps.db.insert(secrets)
      .values({ id, name: input.name, value: sealSecret(deps.key, input.value, context(id)), createdBy: by, updatedBy: by }).returning();
    return { id, ...view(row!) };
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError('conflict', `a secret named ${input.name} already exists; replace its value instead`);
    throw err;
  }
}

async function findId(db: Db, name: string): Promise<string> {
  if (!SECRET_NAME.test(name)) throw notFound('secret');
  const [row] = await db.select({ id: secrets.id }).from(secrets).where(eq(secrets.name, name));
  if (!row) throw notFound(`secret ${name}`);
  return row.id;
}

export async function replaceSecret(deps: SecretDeps, name: string, body: unknown, by: string): Promise<SecretView & { id: string }> {
  const input = secretValueSchema.parse(body);
  const id = await findId(deps.db, name);
  const [row] = await deps.db.update(secrets)
    .set({ value: sealSecret(deps.key, input.value, context(id)), updatedBy: by, updatedAt: sql`clock_timestamp()` })
    .where(eq(secrets.id, id)).returning();
  if (!row) throw notFound(`secret ${name}`);
  return { id, ...view(row) };
}

export async function deleteSecret(db: Db, name: string): Promise<{ id: string; name: string }> {
  const id = await findId(db, name);
  await db.delete(secrets).where(eq(secrets.id, id));
  return { id, name };
}

/** Every secret decrypted, for a step that uses them; a value that no longer decrypts is left out. */
export async function loadSecretValues(deps: SecretDeps): Promise<Map<string, string>> {
  const rows = await deps.db.select().from(secrets);
  const out = new Map<string, string>();
  for (const row of rows) {
    try {
      out.set(row.name, openSecret(deps.key, row.value, context(row.id)));
    } catch {
      // CAUSEWAY_SECRET changed since it was stored: the step reports the secret as missing
    }
  }
  return out;
}
