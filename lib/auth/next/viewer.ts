import { cookies } from 'next/headers';
import { cache } from 'react';
import { getServices } from '@/lib/server/services';
import { SESSION_COOKIE } from '../cookies';
import { authenticateSession, type SessionPrincipal } from '../sessions';

/** The signed-in person of the current request (looked up once per request), or null. */
export const currentViewer = cache(async (): Promise<SessionPrincipal | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return authenticateSession(getServices().database.db, token);
});
