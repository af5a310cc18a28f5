import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { invites } from '@/db/schema';
import { ApiError, notFound } from '@/lib/http/errors';
import { roleSchema, type Role } from './roles';
import { randomToken, tokenHash } from './tokens';
import { emailSchema, findUserByEmail, insertUser, nameSchema, passwordHashFor, type UserView } from './users';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const newInviteSchema = z.object({ email: emailSchema, role: roleSchema }).strict();
export const acceptInviteSchema = z.object({ token: z.string().min(1), name: nameSchema, password: z.string() }).strict();

function view(row: typeof invites.$inferSelect) {
  return {
    id: row.id, email: row.email, role: row.role as Role, invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
  };
}
export type InviteView = ReturnType<typeof view>;

const usable = and(isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, sql`now()`));

/** A new invite replaces any open one for the same email. The token is returned once, in `path`. */
export async function createInvite(db: Db, body: unknown, invitedBy: string): Promise<InviteView & { token: string; path: string }> {
  const input = newInviteSchema.parse(body);
  if (await findUserByEmail(db, input.email)) throw new ApiError('conflict', `${input.email} already has an account`);
  const token = randomToken();
  const row = await db.transaction(async (tx) => {
    await tx.update(invites).set({ revokedAt: sql`clock_timestamp()` }).where(and(eq(invites.email, input.email), usable));
    const [inserted] = await tx.insert(invites).values({
      email: input.email, role: input.role, tokenHash: tokenHash(token), invitedBy, expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    }).returning();
    return inserted!;
  });
  return { ...view(row), token, path: `/invite/${token}` };
}

export async function listOpenInvites(db: Db): Promise<InviteView[]> {
  return (await db.select().from(invites).where(usable).orderBy(desc(invites.createdAt))).map(view);
}

export async function revokeInvite(db: Db, id: string): Promise<InviteView> {
  if (!z.uuid().safeParse(id).success) throw notFound('invite');
  const [row] = await db.update(invites).set({ revokedAt: sql`clock_timestamp()` }).where(and(eq(invites.id, id), usable)).returning();
  if (!row) throw notFound('open invite');
  return view(row);
}

/** The open invite a link's token stands for, or undefined (unknown, used, revoked or expired). */
export async function findInvite(db: Db, token: string): Promise<InviteView | undefined> {
  const [row] = await db.select().from(invites).where(and(eq(invites.tokenHash, tokenHash(token)), usable));
  return row ? view(row) : undefined;
}

/** Creates the invited user with the invite's email and role; an invite works once. */
export async function acceptInvite(db: Db, body: unknown): Promise<UserView> {
  const input = acceptInviteSchema.parse(body);
  const invite = await findInvite(db, input.token);
  if (!invite) throw new ApiError('not_found', 'this invite link is not valid: it was used, revoked or has expired');
  const passwordHash = await passwordHashFor(input.password, { email: invite.email, name: input.name });
  return db.transaction(async (tx) => {
    const [claimed] = await tx.update(invites).set({ acceptedAt: sql`clock_timestamp()` })
      .where(and(eq(invites.id, invite.id), usable)).returning({ id: invites.id });
    if (!claimed) throw new ApiError('not_found', 'this invite link is not valid: it was used, revoked or has expired');
    return insertUser(tx, { email: invite.email, name: input.name, passwordHash, role: invite.role });
  });
}

