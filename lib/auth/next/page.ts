import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { PATH_HEADER, signinUrl } from '../paths';
import { hasRole, type Role } from '../roles';
import type { SessionPrincipal } from '../sessions';
import { currentViewer } from './viewer';

/**
 * The first line of every page that is not public: the signed-in person, or a redirect to the
 * sign-in page (which sends a first visitor on to owner setup). Checked on the server for each
 * render, so an expired or ended session cannot see the page.
 */
export async function requirePage(): Promise<SessionPrincipal> {
  const viewer = await currentViewer();
  if (!viewer) redirect(signinUrl((await headers()).get(PATH_HEADER)));
  return viewer;
}

/** For pages that need more than viewer: whether the person may see it (else render <Forbidden>). */
export async function pageAccess(role: Role): Promise<{ viewer: SessionPrincipal; allowed: boolean }> {
  const viewer = await requirePage();
  return { viewer, allowed: hasRole(viewer.role, role) };
}
