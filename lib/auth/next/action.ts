import { hasRole, type Role } from '../roles';
import type { SessionPrincipal } from '../sessions';
import { currentViewer } from './viewer';

export class ActionDenied extends Error {}

/**
 * The first line of every server action: the person behind the request with at least `role`.
 * Next.js refuses actions posted from another origin, and the cookie is SameSite=Lax.
 */
export async function requireAction(role: Role): Promise<SessionPrincipal> {
  const viewer = await currentViewer();
  if (!viewer) throw new ActionDenied('sign in first: your session has ended');
  if (!hasRole(viewer.role, role)) throw new ActionDenied(`this needs the ${role} role; you have ${viewer.role}`);
  return viewer;
}

/** For form actions that answer a state: the person, or the refusal in words to show next to the form. */
export async function actionViewer(role: Role): Promise<{ viewer: SessionPrincipal } | { error: string }> {
  try {
    return { viewer: await requireAction(role) };
  } catch (err) {
    if (err instanceof ActionDenied) return { error: err.message };
    throw err;
  }
}
