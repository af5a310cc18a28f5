/** Page paths of signing in, shared by proxy.ts and the pages (no server imports here). */

/** Set by proxy.ts on page requests, so a page can send the person back after signing in. */
export const PATH_HEADER = 'x-causeway-path';

/** Pages anyone may open: signing in, first-start owner setup, and accepting an invite. */
export function isPublicPage(pathname: string): boolean {
  return pathname === '/signin' || pathname === '/setup' || pathname.startsWith('/invite/');
}

/** Where to go after signing in: a path on this site only (never `//other.host`). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function signinUrl(next: string | null | undefined): string {
  const target = safeNext(next);
  return target === '/' ? '/signin' : `/signin?next=${encodeURIComponent(target)}`;
}
