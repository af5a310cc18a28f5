/** Owner setup, signing in and out, session expiry, CSRF, rate limiting, and role changes taking effect at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNIN_LIMITS } from '@/lib/auth/rate-limit';
import { callApi } from '../setup/api';
import { ensureUser, sessionHeaders, sessionOf, TEST_PASSWORD, type TestSession } from '../setup/accounts';
import { createTestContext, type TestContext } from '../setup/context';
import { expectError } from './api-helpers';

let ctx: TestContext;
const OWNER = { email: 'Owner@Example.com', name: 'Olga Owner', password: 'granite-lantern-harbour-7' };

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const q = (sql: string, params: unknown[] = []) => ctx.services.database.pool.query(sql, params);
const json = { 'content-type': 'application/json' };

function cookieOf(res: { headers: Headers }): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

function asSession(res: { headers: Headers; body: any }): TestSession {
  const cookie = cookieOf(res);
  return { cookie, token: cookie.split('=')[1]!, csrfToken: res.body.csrfToken };
}

const signIn = (email: string, password: string, address = '198.51.100.7') =>
  callApi('POST', '/api/auth/signin', { auth: null, body: { email, password }, headers: { 'x-forwarded-for': address } });

describe('first start: the owner account', () => {
  it('refuses a weak password, with the reason next to the field, and creates nothing', async () => {
    const res = await callApi('POST', '/api/auth/setup', { auth: null, body: { ...OWNER, password: 'password1234' } });
    expectError(res, 400, /password: is too easy to guess/);
    expect(res.body.error.details).toEqual([{ path: 'password', message: expect.stringMatching(/easy to guess/) }]);
    expect((await q('select count(*)::int as n from users')).rows[0].n).toBe(0);
  });

  it('takes JSON only, so another site’s form cannot sign a browser in (no login CSRF)', async () => {
    const res = await callApi('POST', '/api/auth/setup', { auth: null, raw: JSON.stringify(OWNER), headers: { 'content-type': 'text/plain' } });
    expectError(res, 415);
    expect((await q('select count(*)::int as n from users')).rows[0].n).toBe(0);
  });

  it('creates the owner once, as an admin, signed in with an HTTP-only SameSite cookie that expires', async () => {
    const attempts = await Promise.all([1, 2, 3].map((i) =>
      callApi('POST', '/api/auth/setup', { auth: null, body: { ...OWNER, email: `owner${i}@example.com` } })));
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const created = attempts.find((a) => a.status === 201)!;
    expect(created.body.user).toMatchObject({ role: 'admin' });
    const setCookie = created.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^causeway_session=[\w-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax$/);
    const { rows } = await q('select email, role, is_owner, password_hash from users');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'admin', is_owner: true });
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(rows[0].password_hash).not.toContain(OWNER.password);
    // the session is stored as a hash, never as the cookie's token
    const token = cookieOf(created).split('=')[1]!;
    const stored = await q('select token_hash from sessions');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);
    const me = await callApi('GET', '/api/auth/me', { auth: null, headers: { cookie: cookieOf(created) } });
    expect(me.body).toMatchObject({ kind: 'user', email: rows[0].email, role: 'admin', isOwner: true });
    // setup is over
    expectError(await callApi('POST', '/api/auth/setup', { auth: null, body: { ...OWNER, email: 'late@example.com' } }), 409, /already exists/);
    await q('delete from users');
  });
});

describe('signing in and out', () => {
  beforeAll(async () => {
    const res = await callApi('POST', '/api/auth/setup', { auth: null, body: OWNER });
    expect(res.status).toBe(201);
  });

  it('signs in with any capitalisation of the email, and refuses a wrong password or an unknown email alike', async () => {
    const ok = await signIn('  OWNER@example.COM ', OWNER.password);
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe('owner@example.com');
    const wrong = await signIn('owner@example.com', `${OWNER.password}x`);
    const unknown = await signIn('nobody@example.com', OWNER.password);
    expectError(wrong, 401, /email or password is not right/);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('signs out: the session ends on the server, not only in the browser', async () => {
    const session = asSession(await signIn('owner@example.com', OWNER.password));
    expect((await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: session.cookie } })).status).toBe(200);
    const out = await callApi('POST', '/api/auth/signout', { auth: null, headers: sessionHeaders(session) });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^causeway_session=; .*Max-Age=0/);
    expectError(await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: session.cookie } }), 401);
  });

  it('refuses a made-up, tampered or expired session cookie with 401', async () => {
    const session = asSession(await signIn('owner@example.com', OWNER.password));
    for (const cookie of ['causeway_session=made-up', `${session.cookie.slice(0, -2)}xx`, 'other=1']) {
      expectError(await callApi('GET', '/api/workflows', { auth: null, headers: { cookie } }), 401, /API key/);
    }
    expect((await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: session.cookie } })).status).toBe(200);
    await q(`update sessions set expires_at = now() - interval '1 second'`);
    expectError(await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: session.cookie } }), 401);
  });

  it('slides an active session’s expiry forward, but not past its absolute lifetime', async () => {
    const session = asSession(await signIn('owner@example.com', OWNER.password));
    await q(`update sessions set last_seen_at = now() - interval '2 hours', expires_at = now() + interval '10 hours'`);
    expect((await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: session.cookie } })).status).toBe(200);
    const slid = (await q(`select extract(epoch from expires_at - now())::int as left from sessions`)).rows[0].left;
    expect(slid).toBeGreaterThan(11.9 * 3600);
    await q(`update sessions set created_at = now() - interval '7 days' + interval '1 hour', last_seen_at = now() - interval '2 hours'`);
    expect((await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: session.cookie } })).status).toBe(200);
    const capped = (await q(`select extract(epoch from expires_at - now())::int as left from sessions`)).rows[0].left;
    expect(capped).toBeLessThanOrEqual(3600);
    expect(capped).toBeGreaterThan(3500);
  });
});

describe('CSRF protection of cookie-authenticated writes', () => {
  let session: TestSession;
  let other: TestSession;
  const doc = { name: 'CSRF probe', nodes: [{ id: 't', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} }], edges: [] };

  beforeAll(async () => {
    const editor = await ensureUser(ctx, 'editor@example.com', 'editor');
    session = await sessionOf(ctx, editor.id);
    other = await sessionOf(ctx, (await ensureUser(ctx, 'other@example.com', 'editor')).id);
  });

  const workflows = async () => (await q('select count(*)::int as n from workflows')).rows[0].n as number;

  it('refuses a write without the token, with a wrong one, or with another session’s, and stores nothing', async () => {
    const before = await workflows();
    const variants: Record<string, string>[] = [
      { cookie: session.cookie },
      { cookie: session.cookie, 'x-csrf-token': 'wrong' },
      { cookie: session.cookie, 'x-csrf-token': other.csrfToken },
      { cookie: session.cookie, 'x-csrf-token': '' },
    ];
    for (const headers of variants) {
      const res = await callApi('POST', '/api/workflows', { auth: null, headers, body: doc });
      expectError(res, 403, /CSRF token/, 'csrf_failed');
    }
    expect(await workflows()).toBe(before);
  });

  it('accepts the write with the session’s token, and reads need none', async () => {
    const res = await callApi('POST', '/api/workflows', { auth: null, headers: sessionHeaders(session), body: doc });
    expect(res.status).toBe(201);
    expect((await callApi('GET', `/api/workflows/${res.body.id}`, { auth: null, headers: { cookie: session.cookie } })).status).toBe(200);
  });

  it('never falls back to the cookie when an Authorization header is sent', async () => {
    const res = await callApi('GET', '/api/workflows', { auth: 'not-a-key-000000000000', headers: sessionHeaders(session) });
    expectError(res, 401);
  });
});

describe('rate-limited sign-in', () => {
  it(`locks an account after ${SIGNIN_LIMITS.perAccount} failures, even for the right password, and says when to retry`, async () => {
    await ensureUser(ctx, 'target@example.com', 'viewer');
    for (let i = 0; i < SIGNIN_LIMITS.perAccount; i++) {
      expectError(await signIn('target@example.com', `guess-number-${i}`, `203.0.113.${i}`), 401);
    }
    const locked = await signIn('target@example.com', TEST_PASSWORD, '203.0.113.200');
    expectError(locked, 429, /too many failed sign-ins for this account; try again in 15 minutes/, 'rate_limited');
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(locked.headers.get('set-cookie')).toBeNull();
    // other accounts are not affected by this account's lock
    expect((await signIn('owner@example.com', OWNER.password, '203.0.113.201')).status).toBe(200);
    // once the failures are older than the window, the right password works again
    await q(`update signin_failures set at = at - interval '16 minutes' where email = 'target@example.com'`);
    expect((await signIn('target@example.com', TEST_PASSWORD)).status).toBe(200);
  });

  it('forgives an account’s failures after a successful sign-in', async () => {
    await ensureUser(ctx, 'forgetful@example.com', 'viewer');
    for (let i = 0; i < SIGNIN_LIMITS.perAccount - 1; i++) await signIn('forgetful@example.com', `wrong-${i}`, '192.0.2.50');
    expect((await signIn('forgetful@example.com', TEST_PASSWORD, '192.0.2.50')).status).toBe(200);
    for (let i = 0; i < SIGNIN_LIMITS.perAccount - 1; i++) await signIn('forgetful@example.com', `wrong-again-${i}`, '192.0.2.51');
    expect((await signIn('forgetful@example.com', TEST_PASSWORD, '192.0.2.51')).status).toBe(200);
  });

  it(`limits one address to ${SIGNIN_LIMITS.perAddress} failures across accounts (password spraying)`, async () => {
    await ensureUser(ctx, 'sprayed@example.com', 'viewer');
    for (let i = 0; i < SIGNIN_LIMITS.perAddress; i++) {
      expectError(await signIn(`user${i}@example.com`, 'Summer-2025-guess', '192.0.2.99'), 401);
    }
    expectError(await signIn('sprayed@example.com', TEST_PASSWORD, '192.0.2.99'), 429, /from this address/);
    expect((await signIn('sprayed@example.com', TEST_PASSWORD, '192.0.2.100')).status).toBe(200);
  });
});

describe('changes to people take effect at once', () => {
  it('a role change applies to the person’s next request, and removal ends their sessions', async () => {
    const admin = await sessionOf(ctx, (await ensureUser(ctx, 'admin2@example.com', 'admin')).id);
    const person = await ensureUser(ctx, 'changing@example.com', 'editor');
    const theirs = await sessionOf(ctx, person.id);
    const doc = { name: 'By an editor', nodes: [], edges: [] };
    expect((await callApi('POST', '/api/workflows', { auth: null, headers: sessionHeaders(theirs), body: doc })).status).toBe(201);

    const demoted = await callApi('PATCH', `/api/users/${person.id}`, { auth: null, headers: sessionHeaders(admin), body: { role: 'viewer' } });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('viewer');
    expectError(await callApi('POST', '/api/workflows', { auth: null, headers: sessionHeaders(theirs), body: doc }), 403, /needs the editor role; you have viewer/);
    expect((await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: theirs.cookie } })).status).toBe(200);

    expect((await callApi('DELETE', `/api/users/${person.id}`, { auth: null, headers: sessionHeaders(admin) })).status).toBe(204);
    expectError(await callApi('GET', '/api/workflows', { auth: null, headers: { cookie: theirs.cookie } }), 401);
    expect((await q('select count(*)::int as n from sessions where user_id = $1', [person.id])).rows[0].n).toBe(0);
  });

  it('keeps the owner an admin, and nobody changes or removes themselves', async () => {
    const owner = (await q('select id from users where is_owner')).rows[0].id as string;
    const adminUser = await ensureUser(ctx, 'admin2@example.com', 'admin');
    const admin = await sessionOf(ctx, adminUser.id);
    expectError(await callApi('PATCH', `/api/users/${owner}`, { auth: null, headers: sessionHeaders(admin), body: { role: 'viewer' } }), 403, /owner is always an admin/);
    expectError(await callApi('DELETE', `/api/users/${owner}`, { auth: null, headers: sessionHeaders(admin) }), 403, /owner cannot be removed/);
    expectError(await callApi('PATCH', `/api/users/${adminUser.id}`, { auth: null, headers: sessionHeaders(admin), body: { role: 'viewer' } }), 403, /your own role/);
    expectError(await callApi('DELETE', `/api/users/${adminUser.id}`, { auth: null, headers: sessionHeaders(admin) }), 403, /yourself/);
    expectError(await callApi('PATCH', `/api/users/${owner}`, { body: { role: 'superuser' } }), 400, /role/);
    expectError(await callApi('PATCH', '/api/users/not-a-uuid', { body: { role: 'viewer' } }), 404);
  });

  it('changing a password needs the current one and ends the other sessions', async () => {
    const user = await ensureUser(ctx, 'rotating@example.com', 'viewer');
    const here = await sessionOf(ctx, user.id);
    const elsewhere = await sessionOf(ctx, user.id);
    const change = (current: string, next: string) =>
      callApi('POST', '/api/auth/password', { auth: null, headers: sessionHeaders(here), body: { currentPassword: current, newPassword: next } });
    expectError(await change('not-the-password', 'walnut-cascade-meridian-3'), 403, /current password/);
    expectError(await change(TEST_PASSWORD, 'short'), 400, /newPassword: must be at least 12/);
    expect((await change(TEST_PASSWORD, 'walnut-cascade-meridian-3')).status).toBe(204);
    expect((await callApi('GET', '/api/auth/me', { auth: null, headers: { cookie: here.cookie } })).status).toBe(200);
    expectError(await callApi('GET', '/api/auth/me', { auth: null, headers: { cookie: elsewhere.cookie } }), 401);
    expectError(await signIn('rotating@example.com', TEST_PASSWORD, '192.0.2.7'), 401);
    expect((await signIn('rotating@example.com', 'walnut-cascade-meridian-3', '192.0.2.7')).status).toBe(200);
  });
});

describe('invites', () => {
  it('creates a user with the invited email and role, once; the link is stored only as a hash', async () => {
    const invite = await callApi('POST', '/api/users/invites', { body: { email: 'New.Person@Example.com', role: 'editor' } });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ email: 'new.person@example.com', role: 'editor', url: expect.stringMatching(/^http:\/\/localhost\/invite\/[\w-]{43}$/) });
    const token = invite.body.url.split('/').at(-1);
    expect((await q('select token_hash from invites')).rows.map((r) => r.token_hash)).not.toContain(token);
    expect((await callApi('GET', '/api/users/invites')).body.items.map((i: any) => i.email)).toContain('new.person@example.com');

    expectError(await callApi('POST', '/api/auth/invites/accept', { auth: null, body: { token, name: 'New Person', password: 'short' } }), 400, /password/);
    const accepted = await callApi('POST', '/api/auth/invites/accept', { auth: null, body: { token, name: 'New Person', password: 'velvet-thunder-orchard-9' } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ email: 'new.person@example.com', role: 'editor', name: 'New Person' });
    expect(accepted.headers.get('set-cookie')).toMatch(/^causeway_session=/);
    const again = await callApi('POST', '/api/auth/invites/accept', { auth: null, body: { token, name: 'Someone Else', password: 'velvet-thunder-orchard-9' } });
    expectError(again, 404, /not valid/);
    expect((await q(`select count(*)::int as n from users where email = 'new.person@example.com'`)).rows[0].n).toBe(1);
  });

  it('refuses revoked, expired and replaced invites, and invites for existing accounts', async () => {
    const make = async (email: string) => (await callApi('POST', '/api/users/invites', { body: { email, role: 'viewer' } })).body;
    const accept = (url: string) => callApi('POST', '/api/auth/invites/accept', { auth: null, body: { token: url.split('/').at(-1), name: 'X', password: 'velvet-thunder-orchard-9' } });

    const revoked = await make('revoked@example.com');
    expect((await callApi('DELETE', `/api/users/invites/${revoked.id}`)).status).toBe(204);
    expectError(await accept(revoked.url), 404);

    const expired = await make('expired@example.com');
    await q(`update invites set expires_at = now() - interval '1 minute' where id = $1`, [expired.id]);
    expectError(await accept(expired.url), 404);

    const first = await make('twice@example.com');
    const second = await make('twice@example.com');
    expectError(await accept(first.url), 404);
    expect((await accept(second.url)).status).toBe(201);

    expectError(await callApi('POST', '/api/users/invites', { body: { email: 'owner@example.com', role: 'viewer' } }), 409, /already has an account/);
    expectError(await callApi('POST', '/api/users/invites', { body: { email: 'not an email', role: 'viewer' } }), 400, /email/);
    expect((await q(`select count(*)::int as n from users where email in ('revoked@example.com', 'expired@example.com')`)).rows[0].n).toBe(0);
  });
});
