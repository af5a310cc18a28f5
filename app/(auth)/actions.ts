'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE } from '@/lib/auth/cookies';
import { endSession } from '@/lib/auth/sessions';
import { getServices } from '@/lib/server/services';

/** The top bar's "Sign out": ends the session in the database, not only in this browser. */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await endSession(getServices().database.db, token);
  jar.delete(SESSION_COOKIE);
  redirect('/signin');
}
