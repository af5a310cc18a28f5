/** Accounts for tests: people, sessions and API keys made straight in the database (not through the API under test). */
import type { Page } from 'playwright-core';
import { createApiKey } from '../../lib/auth/api-keys';
import { SESSION_COOKIE } from '../../lib/auth/cookies';
import { hashPassword } from '../../lib/auth/password';
import type { Role } from '../../lib/auth/roles';
import { createSession, csrfTokenFor } from '../../lib/auth/sessions';
import { findUserByEmail, insertUser } from '../../lib/auth/users';
import type { TestContext } from './context';

export const TEST_PASSWORD = 'tangerine-vortex-41-oak';

export interface TestUser { id: string; email: string; name: string; role: Role; password: string }
export interface TestSession { token: string; csrfToken: string; cookie: string }

/** The user with this email, created with `role` (and TEST_PASSWORD) if there is none yet. */
export async function ensureUser(ctx: TestContext, email: string, role: Role, opts: { owner?: boolean; password?: string } = {}): Promise<TestUser> {
  const db = ctx.services.database.db;
  const password = opts.password ?? TEST_PASSWORD;
  const existing = await findUserByEmail(db, email);
  if (existing) return { id: existing.id, email, name: existing.name, role: existing.role as Role, password };
  const name = email.split('@')[0]!;
  const user = await insertUser(db, { email, name, passwordHash: await hashPassword(password), role, isOwner: opts.owner });
  return { id: user.id, email, name, role, password };
}

export async function sessionOf(ctx: TestContext, userId: string): Promise<TestSession> {
  const { token } = await createSession(ctx.services.database.db, userId);
  return { token, csrfToken: csrfTokenFor(token), cookie: `${SESSION_COOKIE}=${token}` };
}

/** Headers for an in-process callApi with a session (pass `auth: null` too): the cookie, and the CSRF token unless `csrf: false`. */
export function sessionHeaders(s: TestSession, csrf = true): Record<string, string> {
  return { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrfToken } : {}) };
}

export async function apiKeyWithRole(ctx: TestContext, role: Role, name = `${role} key`): Promise<string> {
  return (await createApiKey(ctx.services.database.db, { name, role })).key;
}

/**
 * Signs a browser page in as a person with `role` (an owner admin by default), the way the
 * sign-in page leaves it: the session cookie on the app's origin.
 */
export async function signInBrowser(page: Page, webUrl: string, ctx: TestContext, role: Role = 'admin'): Promise<TestUser> {
  const user = await ensureUser(ctx, `${role}@causeway.test`, role);
  const session = await sessionOf(ctx, user.id);
  await page.context().addCookies([{ name: SESSION_COOKIE, value: session.token, url: webUrl, httpOnly: true, sameSite: 'Lax' }]);
  return user;
}
