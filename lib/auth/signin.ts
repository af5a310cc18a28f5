import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { ApiError } from '@/lib/http/errors';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';
import { clearAccountFailures, recordSigninFailure, signinGate } from './rate-limit';
import { emailSchema, findUserByEmail } from './users';

export const signinSchema = z.object({ email: emailSchema, password: z.string().max(1024) }).strict();

const WRONG = 'the email or password is not right';

/**
 * Checks an email and password, rate-limited per account and per address (429 with Retry-After);
 * the same answer and about the same time whether the email is unknown or the password wrong.
 */
export async function checkSignin(db: Db, body: unknown, address: string) {
  const input = signinSchema.parse(body);
  const gate = await signinGate(db, input.email, address);
  if (!gate.ok) {
    const minutes = Math.ceil(gate.retryAfterSeconds / 60);
    throw new ApiError('rate_limited', `too many failed sign-ins ${gate.reason === 'account' ? 'for this account' : 'from this address'}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      undefined, 429, { 'retry-after': String(gate.retryAfterSeconds) });
  }
  const user = await findUserByEmail(db, input.email);
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : await burnPasswordCheck(input.password);
  if (!user || !ok) {
    await recordSigninFailure(db, input.email, address);
    throw new ApiError('unauthorized', WRONG, undefined, 401);
  }
  await clearAccountFailures(db, input.email);
  if (needsRehash(user.passwordHash)) await db.update(users).set({ passwordHash: await hashPassword(input.password) }).where(eq(users.id, user.id));
  return user;
}
