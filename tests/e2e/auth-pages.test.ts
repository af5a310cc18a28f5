/**
 * Every page the app defines (found from the app/ tree, route groups and all), fetched from the
 * real server: without a session it redirects to sign-in, with a made-up or expired one too (the
 * page checks, not only the proxy), and each role sees what its role allows. Server actions check
 * the role as well: a viewer who posts the demo button's action by hand changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, hasRole, type Role } from '@/lib/auth/roles';
import { callApi } from '../setup/api';
import { ensureUser, sessionOf, type TestSession } from '../setup/accounts';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { startWebServer } from '../setup/web-server';

const appDir = path.resolve(__dirname, '../../app');
let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
const sessions = {} as Record<Role, TestSession>;
let params: Record<string, string>;
let inviteToken: string;

/** Pages anyone may open; every other page needs a session. */
const PUBLIC = new Set(['/signin', '/setup', '/invite/[token]']);
/** Pages that need more than the viewer role. */
const NEEDS: Record<string, Role> = { '/settings/users': 'admin', '/settings/keys': 'admin', '/settings/audit': 'admin', '/settings/secrets': 'editor' };

function pages(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'api') walk(full);
      else if (entry.name === 'page.tsx') {
        const segments = path.relative(appDir, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
        found.push(`/${segments.join('/')}`);
      }
    }
  };
  walk(appDir);
  return found.sort();
}

const paramOf = (template: string, name: string) => params[`${template.split('/')[1]}.${name}`] ?? params[name];
const fill = (template: string) => template.replace(/\[([^\]]+)\]/g, (_, name: string) => paramOf(template, name) ?? 'unknown');
/** A page whose parameters this test cannot fill (a new one) still gets every check but the 200. */
const fillable = (template: string) => [...template.matchAll(/\[([^\]]+)\]/g)].every((m) => paramOf(template, m[1]!) !== undefined);

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: 'auth-pages-secret-0123456789' });
  await ctx.startWorker();
  for (const role of ROLES) sessions[role] = await sessionOf(ctx, (await ensureUser(ctx, `${role}@pages.test`, role)).id);
  const workflow = await callApi('POST', '/api/workflows', { body: {
    name: 'Page probe',
    nodes: [
      { id: 'start', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'page.probe' } },
      { id: 'shape', type: 'transform', position: { x: 200, y: 0 }, config: { expression: 'event.data' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'shape' }],
  } });
  await callApi('POST', `/api/workflows/${workflow.body.id}/activate`);
  await callApi('POST', '/api/events', { body: { type: 'page.probe', data: {} } });
  const runId = await waitFor(async () => { const r = await callApi('GET', `/api/runs?workflowId=${workflow.body.id}`); if (!r.body.items) throw new Error(JSON.stringify(r.body)); return r.body.items[0]?.id as string | undefined; }, { what: 'a run' });
  const hook = await callApi('POST', '/api/hooks', { body: { name: 'Page hook', eventType: 'page.hook', verify: { scheme: 'none' } } });
  const invite = await callApi('POST', '/api/users/invites', { body: { email: 'invited@pages.test', role: 'viewer' } });
  inviteToken = invite.body.url.split('/').at(-1);
  const event = (await callApi('GET', '/api/events?limit=1')).body.items[0];
  params = { 'workflows.id': workflow.body.id, runId, 'webhooks.id': hook.body.id, token: inviteToken, seq: String(event.seq) };
  web = await startWebServer(ctx.env, { CAUSEWAY_SECRET: 'auth-pages-secret-0123456789' });
}, 300_000);

afterAll(async () => {
  await web?.process.stop();
  await ctx?.close();
});

const get = (url: string, cookie?: string) => fetch(`${web.url}${url}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

describe('every page checks the session and the role on the server', () => {
  it('finds the pages of the app, route groups included', () => {
    const found = pages();
    for (const expected of ['/', '/workflows', '/workflows/[id]', '/workflows/[id]/runs/[runId]', '/webhooks', '/webhooks/[id]', '/signin', '/setup',
      '/invite/[token]', '/settings', '/settings/users', '/settings/keys', '/settings/secrets', '/settings/audit']) {
      expect(found).toContain(expected);
    }
  });

  it('redirects to sign-in, with the way back, without a session or with a made-up or expired one', async () => {
    const expired = await sessionOf(ctx, (await ensureUser(ctx, 'expired@pages.test', 'admin')).id);
    await ctx.services.database.pool.query(`update sessions set expires_at = now() - interval '1 second' where token_hash = encode(sha256($1::bytea), 'hex')`, [expired.token]);
    const checked: string[] = [];
    for (const template of pages()) {
      if (PUBLIC.has(template)) continue;
      const url = fill(template);
      for (const cookie of [undefined, 'causeway_session=made-up-token', expired.cookie]) {
        const res = await get(url, cookie);
        expect(res.status, `${url} with ${cookie ?? 'no cookie'}`).toBe(307);
        expect(res.headers.get('location'), url).toBe(url === '/' ? '/signin' : `/signin?next=${encodeURIComponent(url)}`);
        const body = await res.text();
        expect(body, url).not.toContain('Page probe');
      }
      checked.push(template);
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
  });

  it('opens the public pages without a session', async () => {
    expect((await get('/signin')).status).toBe(200);
    expect(await (await get(`/invite/${inviteToken}`)).text()).toContain('invited@pages.test');
    expect(await (await get('/invite/not-a-real-token')).text()).toContain('This invite link does not work');
    // setup is only for the first start
    const setup = await get('/setup');
    expect(setup.status).toBe(307);
    expect(setup.headers.get('location')).toBe('/signin');
  });

  it('shows each role the pages its role allows, and a refusal (with none of the data) on the others', async () => {
    for (const template of pages()) {
      if (PUBLIC.has(template)) continue;
      const need = NEEDS[template] ?? 'viewer';
      for (const role of ROLES) {
        const label = `${template} as ${role}`;
        let res = await get(fill(template), sessions[role].cookie);
        // a page may send a signed-in person on (a run to its workflow's run page), never back to sign-in
        if (res.status === 307) {
          expect(res.headers.get('location'), label).not.toMatch(/^\/signin/);
          res = await get(res.headers.get('location')!, sessions[role].cookie);
        }
        const html = await res.text();
        if (!fillable(template)) {
          expect([200, 404], label).toContain(res.status);
          continue;
        }
        expect(res.status, label).toBe(200);
        expect(html, label).toContain(`${role}@pages.test`);
        if (hasRole(role, need)) {
          expect(html, label).not.toContain('Not allowed');
        } else {
          expect(html, label).toContain(`This page needs the <strong>${need}</strong> role`);
          expect(html, label).not.toContain('admin@pages.test</td>');
          expect(html, label).not.toContain('causeway.audit.');
        }
      }
    }
  });

  it('shows viewers no forms for changes, and refuses a server action a viewer posts by hand', async () => {
    const asAdmin = await (await get('/', sessions.admin.cookie)).text();
    expect(asAdmin).toContain('Send 10 demo orders');
    const asViewer = await (await get('/', sessions.viewer.cookie)).text();
    expect(asViewer).not.toContain('Send 10 demo orders');
    expect(await (await get('/webhooks', sessions.viewer.cookie)).text()).not.toContain('Create endpoint');
    expect(await (await get('/webhooks', sessions.editor.cookie)).text()).toContain('Create endpoint');

    // the action's id is in the editor's form; a viewer sends it as the browser would
    // (the last action id before the button: the top bar's sign-out form comes first)
    const field = [...asAdmin.slice(0, asAdmin.indexOf('Send 10 demo orders')).matchAll(/name="(\$ACTION_ID_[0-9a-f]+)"/g)].at(-1)?.[1];
    expect(field).toBeDefined();
    const count = async () => (await ctx.services.database.pool.query('select count(*)::int as n from events')).rows[0].n as number;
    const before = await count();
    const form = new FormData();
    form.set(field!, '');
    await fetch(`${web.url}/`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: sessions.viewer.cookie, origin: web.url } });
    expect(await count()).toBe(before);
    // the same request by an editor does send the orders, so the request itself was right
    const ok = await fetch(`${web.url}/`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: sessions.editor.cookie, origin: web.url } });
    expect(ok.status).toBeLessThan(400);
    await waitFor(async () => (await count()) >= before + 10, { what: 'the demo orders' });
  });
});
