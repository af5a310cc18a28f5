import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { retentionPolicies } from '@/db/schema';
import { durationOrNull } from '@/lib/engine/duration';
import { isValidTypePattern, typePatternToPostgresRegex } from '@/lib/engine/type-pattern';
import { notFound } from '@/lib/http/errors';

/** At least a minute: a shorter retention would remove events before routing and runs are done with them. */
const MIN_KEEP_SECONDS = 60;

/** `PUT /api/retention`: `keep` is a duration ("30d", "12h") or null to keep forever (overriding a broader pattern). */
export const retentionSchema = z.object({
  type: z.string().refine(isValidTypePattern, 'is not a valid type pattern'),
  keep: z.union([z.string(), z.null()]).refine((v) => v === null || (durationOrNull(v) ?? 0) >= MIN_KEEP_SECONDS * 1000, {
    message: 'must be a duration of at least a minute ("90m", "30d", "1w"), or null to keep forever',
  }),
}).strict();

export type RetentionPolicy = { type: string; keepSeconds: number | null; updatedBy: string | null; updatedAt: string };

const present = (r: typeof retentionPolicies.$inferSelect): RetentionPolicy => ({
  type: r.typePattern, keepSeconds: r.keepSeconds, updatedBy: r.updatedBy, updatedAt: r.updatedAt.toISOString(),
});

export async function listPolicies(db: Db): Promise<RetentionPolicy[]> {
  return (await db.select().from(retentionPolicies).orderBy(asc(retentionPolicies.typePattern))).map(present);
}

export async function putPolicy(db: Db, body: unknown, updatedBy: string | null): Promise<RetentionPolicy> {
  const { type, keep } = retentionSchema.parse(body);
  const values = {
    typePattern: type, typeRegex: typePatternToPostgresRegex(type),
    keepSeconds: keep === null ? null : Math.round(durationOrNull(keep)! / 1000), updatedBy,
  };
  const [row] = await db.insert(retentionPolicies).values(values)
    .onConflictDoUpdate({ target: retentionPolicies.typePattern, set: { ...values, updatedAt: sql`clock_timestamp()` } }).returning();
  return present(row);
}

export async function deletePolicy(db: Db, type: string): Promise<void> {
  const [row] = await db.delete(retentionPolicies).where(eq(retentionPolicies.typePattern, type)).returning({ type: retentionPolicies.typePattern });
  if (!row) throw notFound('retention policy');
}
