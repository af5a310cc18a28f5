import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signinFailures } from '@/db/schema';

/** Failed sign-ins allowed within the window, per account and per address. */
export const SIGNIN_LIMITS = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 20 } as const;

export type SigninGate = { ok: true } | { ok: false; retryAfterSeconds: number; reason: 'account' | 'address' };

async function retryAfter(db: Db, column: typeof signinFailures.email | typeof signinFailures.address, value: string, limit: number): Promise<number | null> {
  const since = sql`now() - make_interval(secs => ${SIGNIN_LIMITS.windowMs / 1000})`;
  const rows = await db.select({ at: signinFailures.at }).from(signinFailures)
    .where(and(eq(column, value), gt(signinFailures.at, since))).orderBy(desc(signinFailures.at)).limit(limit);
  if (rows.length < limit) return null;
  // allowed again when the limit-th most recent failure leaves the window
  const freeAt = rows[limit - 1]!.at.getTime() + SIGNIN_LIMITS.windowMs;
  return Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
}

/** Asked before the password is checked, so a locked account costs no hashing. */
export async function signinGate(db: Db, email: string, address: string): Promise<SigninGate> {
  const account = await retryAfter(db, signinFailures.email, email, SIGNIN_LIMITS.perAccount);
  if (account !== null) return { ok: false, retryAfterSeconds: account, reason: 'account' };
  const byAddress = await retryAfter(db, signinFailures.address, address, SIGNIN_LIMITS.perAddress);
  if (byAddress !== null) return { ok: false, retryAfterSeconds: byAddress, reason: 'address' };
  return { ok: true };
}

export async function recordSigninFailure(db: Db, email: string, address: string): Promise<void> {
  await db.insert(signinFailures).values({ email, address });
  await db.delete(signinFailures).where(lt(signinFailures.at, sql`now() - make_interval(secs => ${SIGNIN_LIMITS.windowMs / 1000})`));
}

/** A successful sign-in forgives the account's earlier failures (not the address's). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.delete(signinFailures).where(eq(signinFailures.email, email));
}
