import { clearSessionCookie, isSecureRequest } from '@/lib/auth/cookies';
import { sessionTokenOf } from '@/lib/auth/request';
import { endSession } from '@/lib/auth/sessions';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Ends the session of the cookie (a write: it needs the CSRF token). */
export const POST = apiRoute(async (request, { services }) => {
  const token = sessionTokenOf(request);
  if (token) await endSession(services.database.db, token);
  return new Response(null, { status: 204, headers: { 'set-cookie': clearSessionCookie(isSecureRequest(request)) } });
}, { role: 'viewer' });
