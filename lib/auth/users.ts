import { asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { ApiError, notFound } from '@/lib/http/errors';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-policy';
import type { SessionPrincipal } from './sessions';
import { endUserSessions } from './sessions';
import { roleSchema, type Role } from './roles';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ error: 'must be an email address' }).max(254));
export const nameSchema = z.string().trim().min(1, 'a name is required').max(100);

export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** The password checked against the policy; a 400 naming the field otherwise. */
export async function passwordHashFor(password: string, person: { email: string; name: string }, field = 'password'): Promise<string> {
  const problem = passwordProblem(password, person);
  if (problem) throw new ApiError('bad_request', `${field}: ${problem}`, [{ path: field, message: problem }]);
  return hashPassword(password);
}

function view(row: typeof users.$inferSelect) {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role as Role, isOwner: row.isOwner,
    createdAt: row.createdAt.toISOString(), lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}
export type UserView = ReturnType<typeof view>;

export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(users).limit(1);
  return row !== undefined;
}

export async function listUsers(db: Db): Promise<UserView[]> {
  return (await db.select().from(users).orderBy(desc(users.isOwner), asc(users.createdAt))).map(view);
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function insertUser(db: Db | Tx, input: { email: string; name: string; passwordHash: string; role: Role; isOwner?: boolean }): Promise<UserView> {
  try {
    const [row] = await db.insert(users).values({ ...input, isOwner: input.isOwner ?? false }).returning();
    return view(row!);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError('conflict', input.isOwner ? 'the owner account already exists' : `a user with the email ${input.email} already exists`);
    throw err;
  }
}

export const setupSchema = z.object({ email: emailSchema, name: nameSchema, password: z.string() }).strict();

/** First start: creates the owner (an admin). Refused once any user exists. */
export async function setupOwner(db: Db, body: unknown): Promise<UserView> {
  const input = setupSchema.parse(body);
  if (await hasUsers(db)) throw new ApiError('conflict', 'the owner account already exists; sign in instead');
  const passwordHash = await passwordHashFor(input.password, input);
  return insertUser(db, { email: input.email, name: input.name, passwordHash, role: 'admin', isOwner: true });
}

async function loadUser(db: Db, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound('user');
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('user');
  return row;
}

export const roleChangeSchema = z.object({ role: roleSchema }).strict();

/** The owner's role is fixed, and nobody changes their own role (another admin must). */
export async function changeRole(db: Db, actor: { userId?: string }, id: string, body: unknown): Promise<{ before: UserView; after: UserView }> {
  const { role } = roleChangeSchema.parse(body);
  const row = await loadUser(db, id);
  if (row.isOwner) throw new ApiError('forbidden', 'the owner is always an admin');
  if (actor.userId === id) throw new ApiError('forbidden', 'you cannot change your own role');
  const [updated] = await db.update(users).set({ role }).where(eq(users.id, id)).returning();
  return { before: view(row), after: view(updated!) };
}

/** Removes a user and ends their sessions at once (they cascade). */
export async function removeUser(db: Db, actor: { userId?: string }, id: string): Promise<UserView> {
  const row = await loadUser(db, id);
  if (row.isOwner) throw new ApiError('forbidden', 'the owner cannot be removed');
  if (actor.userId === id) throw new ApiError('forbidden', 'you cannot remove yourself');
  await db.delete(users).where(eq(users.id, id));
  return view(row);
}

export const passwordChangeSchema = z.object({ currentPassword: z.string(), newPassword: z.string() }).strict();

/** Needs the current password; signs the person out of every other session. */
export async function changePassword(db: Db, me: SessionPrincipal, body: unknown, keepToken: string): Promise<void> {
  const input = passwordChangeSchema.parse(body);
  const row = await loadUser(db, me.userId);
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new ApiError('forbidden', 'the current password is not right', [{ path: 'currentPassword', message: 'is not right' }]);
  }
  const passwordHash = await passwordHashFor(input.newPassword, row, 'newPassword');
  await db.update(users).set({ passwordHash }).where(eq(users.id, row.id));
  await endUserSessions(db, row.id, keepToken);
}
