import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { json } from '@/lib/http/respond';
import { clientAddress, isSecureRequest, setSessionCookie } from './cookies';
import { createSession, csrfTokenFor } from './sessions';

/** Signs a person in: a new session, its cookie, and who they are (with the CSRF token for the page). */
export async function sessionResponse(db: Db, request: Request, user: { id: string; email: string; name: string; role: string }, status = 200): Promise<Response> {
  const session = await createSession(db, user.id, { address: clientAddress(request.headers), userAgent: request.headers.get('user-agent') });
  await db.update(users).set({ lastSignInAt: sql`clock_timestamp()` }).where(eq(users.id, user.id));
  return json(
    { user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt.toISOString() },
    status,
    { 'set-cookie': setSessionCookie(session.token, session.maxAgeSeconds, isSecureRequest(request)), 'cache-control': 'no-store' },
  );
}
