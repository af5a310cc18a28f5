import { describe, expect, it } from 'vitest';
import { clientAddress, readCookie, setSessionCookie, clearSessionCookie } from '@/lib/auth/cookies';
import { safeNext, signinUrl } from '@/lib/auth/paths';
import { csrfTokenFor, SESSION_IDLE_MS, SESSION_MAX_MS, slidingExpiry } from '@/lib/auth/sessions';

describe('session expiry', () => {
  const start = new Date('2025-03-01T08:00:00Z');
  it('expires after the idle time, counted from the last use', () => {
    expect(slidingExpiry(start, start).getTime()).toBe(start.getTime() + SESSION_IDLE_MS);
    const later = new Date(start.getTime() + 3 * 3600_000);
    expect(slidingExpiry(start, later).getTime()).toBe(later.getTime() + SESSION_IDLE_MS);
  });

  it('never lives past the absolute lifetime, however often it is used', () => {
    const nearEnd = new Date(start.getTime() + SESSION_MAX_MS - 60_000);
    expect(slidingExpiry(start, nearEnd).getTime()).toBe(start.getTime() + SESSION_MAX_MS);
  });
});

describe('CSRF token', () => {
  it('is derived from the session token: stable for it, different for another, not the token itself', () => {
    const a = csrfTokenFor('session-token-a');
    expect(csrfTokenFor('session-token-a')).toBe(a);
    expect(csrfTokenFor('session-token-b')).not.toBe(a);
    expect(a).not.toContain('session-token-a');
    expect(a).toMatch(/^[\w-]{43}$/);
  });
});

describe('cookies and addresses', () => {
  it('sets an HTTP-only, SameSite=Lax cookie that expires, Secure only over HTTPS', () => {
    const plain = setSessionCookie('tok', 3600, false);
    expect(plain).toBe('causeway_session=tok; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax');
    expect(setSessionCookie('tok', 3600, true)).toMatch(/; Secure$/);
    expect(clearSessionCookie(false)).toMatch(/^causeway_session=; .*Max-Age=0/);
  });

  it('reads one cookie out of a header', () => {
    expect(readCookie('a=1; causeway_session=xyz; b=2', 'causeway_session')).toBe('xyz');
    expect(readCookie('causeway_sessionx=1', 'causeway_session')).toBeNull();
    expect(readCookie('causeway_session=', 'causeway_session')).toBeNull();
    expect(readCookie(null, 'causeway_session')).toBeNull();
  });

  it('takes the address the nearest proxy saw (the last X-Forwarded-For entry)', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.2' }))).toBe('10.0.0.2');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '::1' }))).toBe('::1');
    expect(clientAddress(new Headers())).toBe('unknown');
  });
});

describe('where sign-in sends you', () => {
  it('only to paths of this site', () => {
    expect(safeNext('/workflows/1?x=2')).toBe('/workflows/1?x=2');
    for (const evil of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined]) {
      expect(safeNext(evil), String(evil)).toBe('/');
    }
    expect(signinUrl('/settings/keys')).toBe('/signin?next=%2Fsettings%2Fkeys');
    expect(signinUrl('/')).toBe('/signin');
  });
});
