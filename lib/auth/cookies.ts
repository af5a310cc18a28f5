/** The session cookie: HTTP-only, SameSite=Lax, Secure when the request came over HTTPS. */
export const SESSION_COOKIE = 'causeway_session';

export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: maxAgeSeconds };
}

function serialize(name: string, value: string, o: ReturnType<typeof sessionCookieOptions>): string {
  return [`${name}=${value}`, `Path=${o.path}`, `Max-Age=${o.maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(o.secure ? ['Secure'] : [])].join('; ');
}

export function setSessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, sessionCookieOptions(secure, maxAgeSeconds));
}

export function clearSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', sessionCookieOptions(secure, 0));
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * The address a sign-in attempt came from, for rate limiting: the last X-Forwarded-For entry, which
 * is what the nearest proxy saw (Next.js fills the header from the socket when it is absent).
 * Without a proxy in front that sets the header, a client can choose this value; the per-account
 * limit holds regardless.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1)?.slice(0, 100) ?? 'unknown';
}
