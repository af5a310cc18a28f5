import type { Db } from '@/db/client';
import { ApiError } from '@/lib/http/errors';
import { authenticateBearer } from './api-keys';
import { readCookie, SESSION_COOKIE } from './cookies';
import type { Principal } from './principal';
import { hasRole, type Role } from './roles';
import { authenticateSession } from './sessions';
import { sameSecret } from './tokens';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

export function sessionTokenOf(request: Request): string | null {
  return readCookie(request.headers.get('cookie'), SESSION_COOKIE);
}

const unauthorized = () => new ApiError('unauthorized',
  'a valid API key is required: send Authorization: Bearer <key>, or sign in', undefined, 401, { 'www-authenticate': 'Bearer' });

/**
 * Who sent the request: an Authorization header is taken as an API key (and never falls back to
 * the cookie); otherwise the session cookie, whose writes must carry the session's CSRF token.
 */
export async function authenticateRequest(db: Db, request: Request, bootstrapKey: string | undefined): Promise<Principal> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const principal = await authenticateBearer(db, authorization, bootstrapKey);
    if (!principal) throw unauthorized();
    return principal;
  }
  const principal = await authenticateSession(db, sessionTokenOf(request));
  if (!principal) throw unauthorized();
  if (!isSafeMethod(request.method)) {
    const sent = request.headers.get(CSRF_HEADER);
    if (!sent || !sameSecret(sent, principal.csrfToken)) {
      throw new ApiError('csrf_failed', `a write with a session cookie must send the page's CSRF token in ${CSRF_HEADER}`, undefined, 403);
    }
  }
  return principal;
}

/** The role a route needs when it does not say: reading needs viewer, anything else editor. */
export function defaultRole(method: string): Role {
  return isSafeMethod(method) ? 'viewer' : 'editor';
}

export function requireRole(principal: Principal, need: Role): void {
  if (!hasRole(principal.role, need)) {
    const who = principal.kind === 'session' ? 'you have' : 'this API key has';
    throw new ApiError('forbidden', `this needs the ${need} role; ${who} ${principal.role}`, undefined, 403);
  }
}

/**
 * The sign-in style routes set a cookie without one: they take only `application/json`, which a
 * page of another site cannot send without a CORS preflight that we never grant (no login CSRF).
 */
export function requireJsonRequest(request: Request): void {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError('unsupported_media_type', 'send the body as application/json');
}
