import { createHmac } from 'node:crypto';
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import type { Principal } from './principal';
import type { Role } from './roles';
import { randomToken, tokenHash } from './tokens';

/** A session ends after this long unused, */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** and in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Sliding the expiry costs a write, so it is done at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

/** The expiry a session used at `now` gets: idle time from now, capped by the absolute lifetime. */
export function slidingExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}

/**
 * The CSRF token of a session: an HMAC of the session token, so it needs no storage and only a page
 * served to the session's own browser can know it (the cookie is HTTP-only and same-site).
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('causeway-csrf-v1').digest('base64url');
}

export async function createSession(db: Db, userId: string, meta: { address?: string | null; userAgent?: string | null } = {}) {
  const token = randomToken();
  const now = new Date();
  const expiresAt = slidingExpiry(now, now);
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
  await db.insert(sessions).values({
    tokenHash: tokenHash(token), userId, createdAt: now, lastSeenAt: now, expiresAt,
    address: meta.address?.slice(0, 100) ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt, maxAgeSeconds: Math.floor(SESSION_MAX_MS / 1000) };
}

export type SessionPrincipal = Extract<Principal, { kind: 'session' }>;

/** The signed-in person behind a session token, with their current role; null when unknown or expired. */
export async function authenticateSession(db: Db, token: string | null | undefined): Promise<SessionPrincipal | null> {
  if (!token) return null;
  const hash = tokenHash(token);
  const [row] = await db.select({
    createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt,
    userId: users.id, email: users.email, name: users.name, role: users.role, isOwner: users.isOwner,
  }).from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, sql`now()`)));
  if (!row) return null;
  const now = new Date();
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now, expiresAt: slidingExpiry(row.createdAt, now) }).where(eq(sessions.tokenHash, hash));
  }
  return {
    kind: 'session', userId: row.userId, email: row.email, name: row.name, role: row.role as Role,
    isOwner: row.isOwner, csrfToken: csrfTokenFor(token),
  };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

/** Signs a person out everywhere, except (optionally) the session they are using. */
export async function endUserSessions(db: Db, userId: string, keepToken?: string): Promise<void> {
  await db.delete(sessions).where(keepToken
    ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, tokenHash(keepToken)))
    : eq(sessions.userId, userId));
}
