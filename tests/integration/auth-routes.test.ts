/**
 * Every /api route the app defines (found from the app/ tree, so a new route is covered as soon
 * as it exists), called with each role: a role below the route's is refused with 403 and changes
 * nothing, the route's own role gets a 2xx. The expected role comes from the rule of the house
 * (reads: viewer, writes: editor) plus the admin and public routes listed below.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/lib/auth/roles';
import { apiRoutes } from '../setup/api';
import { apiKeyWithRole, ensureUser, sessionHeaders, sessionOf, type TestSession } from '../setup/accounts';
import { createTestContext, type TestContext } from '../setup/context';
import {
  createActiveWorkflow, createWorkflow, delayWorkflow, failingWorkflow, manualWorkflow, routedRuns, sendEvent, transformWorkflow, waitForRun,
} from './api-helpers';

type Need = Role | 'public';

/** SPEC §4 plus signing in: the routes that need no credentials. */
const PUBLIC = new Set(['GET /api/health', 'POST /api/hooks/[id]', 'POST /api/auth/setup', 'POST /api/auth/signin', 'POST /api/auth/invites/accept']);

/** Writes that concern only the caller's own session and password, open to every signed-in role. */
const OWN_ACCOUNT = new Set(['POST /api/auth/signout', 'POST /api/auth/password']);

function expectedRole(method: string, template: string): Need {
  const key = `${method} ${template}`;
  if (PUBLIC.has(key)) return 'public';
  if (OWN_ACCOUNT.has(key)) return 'viewer';
  if (/^\/api\/(keys|users)(\/|$)/.test(template)) return 'admin';
  if (template.startsWith('/api/secrets')) return method === 'GET' ? 'editor' : 'admin';
  return method === 'GET' || method === 'HEAD' ? 'viewer' : 'editor';
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Call { url: string; body?: unknown; as?: TestSession }

let ctx: TestContext;
const keys = {} as Record<Role, string>;
const sessions = {} as Record<Role, TestSession>;
let probe: { workflowId: string; activeId: string; manualId: string; runId: string; eventId: string; hookId: string; deliveryId: number };

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: 'auth-routes-secret-0123456789' });
  await ctx.startWorker();
  for (const role of ROLES) {
    keys[role] = await apiKeyWithRole(ctx, role);
    sessions[role] = await sessionOf(ctx, (await ensureUser(ctx, `${role}@routes.test`, role)).id);
  }
  const workflowId = await createWorkflow(transformWorkflow('Probe', 'probe.sent', 'event.data'));
  const activeId = await createActiveWorkflow(transformWorkflow('Live probe', 'probe.live', 'event.data'));
  const manualId = await createActiveWorkflow(manualWorkflow('Manual probe', '$'));
  const sent = await sendEvent({ type: 'probe.live', data: { n: 1 } });
  const [run] = await routedRuns(ctx, sent.seq);
  const hook = await post('/api/hooks', { name: 'Probe hook', eventType: 'probe.hooked', verify: { scheme: 'none' } });
  const delivery = await fetchHandler('POST', `/api/hooks/${hook.id}`, {}, { hello: 'world' });
  expect(delivery.status).toBe(202);
  const deliveries = await call('GET', `/api/hooks/${hook.id}/deliveries`, { authorization: `Bearer ${keys.admin}` });
  probe = { workflowId, activeId, manualId, runId: run.id, eventId: sent.id, hookId: hook.id, deliveryId: deliveries.body.items[0].id };
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

async function fetchHandler(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const route = apiRoutes.find((r) => r.pattern.test(new URL(url, 'http://localhost').pathname))!;
  const mod = await import(route.file) as Record<string, Handler>;
  const path = new URL(url, 'http://localhost').pathname;
  const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(path.match(route.pattern)![i + 1]!)]));
  const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  const response = await mod[method]!(new Request(new URL(url, 'http://localhost'), {
    method, headers: { ...headers, ...(withBody ? { 'content-type': 'application/json' } : {}) }, body: withBody ? JSON.stringify(body) : undefined,
  }), { params: Promise.resolve(params) });
  return response;
}

/** Calls a handler in-process; a streaming answer (SSE) is not read, so it cannot hang the test. */
async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetchHandler(method, url, headers, body);
  if (!response.headers.get('content-type')?.includes('json')) {
    await response.body?.cancel();
    return { status: response.status, body: null };
  }
  return { status: response.status, body: await response.json() };
}

const asAdmin = () => ({ authorization: `Bearer ${keys.admin}` });
async function post(url: string, body: unknown) {
  const res = await call('POST', url, asAdmin(), body);
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

async function freshRun(doc: unknown, type: string, until: (status: string) => boolean): Promise<string> {
  await createActiveWorkflow(doc);
  const sent = await sendEvent({ type, data: {} });
  const [run] = await routedRuns(ctx, sent.seq);
  return (await waitForRun(run.id, until)).id;
}

const doc = () => transformWorkflow(`Doc ${randomUUID().slice(0, 8)}`, 'probe.sent', 'event.data');
const freshUser = async (role: Role = 'viewer') => ensureUser(ctx, `${randomUUID().slice(0, 8)}@routes.test`, role);

/** A request each route would accept, with fresh things to change or delete where it needs them. */
const fixtures: Record<string, () => Promise<Call>> = {
  'GET /api/auth/me': async () => ({ url: '/api/auth/me' }),
  'POST /api/auth/signout': async () => ({ url: '/api/auth/signout', as: await sessionOf(ctx, (await freshUser()).id) }),
  'POST /api/auth/password': async () => {
    const user = await freshUser();
    return { url: '/api/auth/password', body: { currentPassword: user.password, newPassword: 'another-long-pass-77' }, as: await sessionOf(ctx, user.id) };
  },
  'GET /api/events': async () => ({ url: '/api/events?limit=5' }),
  'POST /api/events': async () => ({ url: '/api/events', body: { type: 'probe.sent', data: { n: 2 } } }),
  'GET /api/events/[id]': async () => ({ url: `/api/events/${probe.eventId}` }),
  'GET /api/hooks': async () => ({ url: '/api/hooks' }),
  'POST /api/hooks': async () => ({ url: '/api/hooks', body: { name: 'New hook', eventType: 'probe.hooked', verify: { scheme: 'token' } } }),
  'GET /api/hooks/[id]': async () => ({ url: `/api/hooks/${probe.hookId}` }),
  'PUT /api/hooks/[id]': async () => ({ url: `/api/hooks/${probe.hookId}`, body: { name: 'Probe hook', eventType: 'probe.hooked', verify: { scheme: 'none' } } }),
  'DELETE /api/hooks/[id]': async () => ({ url: `/api/hooks/${(await post('/api/hooks', { name: 'Doomed', eventType: 'x.y', verify: { scheme: 'none' } })).id}` }),
  'POST /api/hooks/[id]/rotate': async () => ({ url: `/api/hooks/${(await post('/api/hooks', { name: 'Rotating', eventType: 'x.y', verify: { scheme: 'token' } })).id}/rotate`, body: {} }),
  'GET /api/hooks/[id]/deliveries': async () => ({ url: `/api/hooks/${probe.hookId}/deliveries` }),
  'GET /api/hooks/[id]/deliveries/[deliveryId]': async () => ({ url: `/api/hooks/${probe.hookId}/deliveries/${probe.deliveryId}` }),
  'POST /api/hooks/[id]/deliveries/[deliveryId]/resend': async () => ({ url: `/api/hooks/${probe.hookId}/deliveries/${probe.deliveryId}/resend` }),
  'GET /api/keys': async () => ({ url: '/api/keys' }),
  'POST /api/keys': async () => ({ url: '/api/keys', body: { name: 'made in a test', role: 'viewer' } }),
  'DELETE /api/keys/[id]': async () => ({ url: `/api/keys/${(await post('/api/keys', { name: 'doomed', role: 'viewer' })).id}` }),
  'GET /api/runs': async () => ({ url: '/api/runs?limit=5' }),
  'GET /api/runs/[id]': async () => ({ url: `/api/runs/${probe.runId}` }),
  'POST /api/runs/[id]/cancel': async () => ({ url: `/api/runs/${await freshRun(delayWorkflow('Slow', 'probe.slow', '1h'), 'probe.slow', (s) => s === 'waiting')}/cancel` }),
  'POST /api/runs/[id]/retry': async () => ({ url: `/api/runs/${await freshRun(failingWorkflow('Failing', 'probe.fail'), 'probe.fail', (s) => s === 'failed')}/retry` }),
  'GET /api/secrets': async () => ({ url: '/api/secrets' }),
  'POST /api/secrets': async () => ({ url: '/api/secrets', body: { name: `S_${randomUUID().slice(0, 8)}`, value: 'a secret value' } }),
  'PUT /api/secrets/[name]': async () => {
    const name = `S_${randomUUID().slice(0, 8)}`;
    await post('/api/secrets', { name, value: 'first value' });
    return { url: `/api/secrets/${name}`, body: { value: 'second value' } };
  },
  'DELETE /api/secrets/[name]': async () => {
    const name = `S_${randomUUID().slice(0, 8)}`;
    await post('/api/secrets', { name, value: 'doomed value' });
    return { url: `/api/secrets/${name}` };
  },
  'GET /api/users': async () => ({ url: '/api/users' }),
  'PATCH /api/users/[id]': async () => ({ url: `/api/users/${(await freshUser()).id}`, body: { role: 'editor' } }),
  'DELETE /api/users/[id]': async () => ({ url: `/api/users/${(await freshUser()).id}` }),
  'GET /api/users/invites': async () => ({ url: '/api/users/invites' }),
  'POST /api/users/invites': async () => ({ url: '/api/users/invites', body: { email: `${randomUUID().slice(0, 8)}@invited.test`, role: 'viewer' } }),
  'DELETE /api/users/invites/[id]': async () => ({ url: `/api/users/invites/${(await post('/api/users/invites', { email: `${randomUUID().slice(0, 8)}@invited.test`, role: 'viewer' })).id}` }),
  'GET /api/workflows': async () => ({ url: '/api/workflows' }),
  'POST /api/workflows': async () => ({ url: '/api/workflows', body: doc() }),
  'GET /api/workflows/[id]': async () => ({ url: `/api/workflows/${probe.workflowId}` }),
  'PUT /api/workflows/[id]': async () => ({ url: `/api/workflows/${probe.workflowId}`, body: transformWorkflow('Probe', 'probe.sent', 'event.data') }),
  'DELETE /api/workflows/[id]': async () => ({ url: `/api/workflows/${await createWorkflow(doc())}` }),
  'POST /api/workflows/[id]/activate': async () => ({ url: `/api/workflows/${await createWorkflow(doc())}/activate` }),
  'POST /api/workflows/[id]/deactivate': async () => ({ url: `/api/workflows/${await createActiveWorkflow(doc())}/deactivate` }),
  'POST /api/workflows/[id]/run': async () => ({ url: `/api/workflows/${probe.manualId}/run`, body: { n: 1 } }),
  'GET /api/workflows/[id]/sample-event': async () => ({ url: `/api/workflows/${probe.activeId}/sample-event` }),
  'GET /api/workflows/[id]/versions': async () => ({ url: `/api/workflows/${probe.activeId}/versions` }),
};

/** A route without a fixture still gets the refusal checks, with its parameters filled by the probe workflow. */
function fixtureFor(method: string, template: string): () => Promise<Call> {
  return fixtures[`${method} ${template}`] ?? (async () => ({ url: template.replace(/\[[^\]]+\]/g, probe.workflowId), body: {} }));
}

async function handlers() {
  const found: { method: string; template: string; need: Need }[] = [];
  for (const route of apiRoutes) {
    const mod = await import(route.file) as Record<string, unknown>;
    const template = `/${route.file.split('/app/')[1]!.replace(/\/route\.ts$/, '')}`;
    for (const method of METHODS) if (typeof mod[method] === 'function') found.push({ method, template, need: expectedRole(method, template) });
  }
  return found;
}

/** Rows of every table a route could change, to show that a refused call changed nothing. */
async function state(): Promise<number[]> {
  const tables = ['events', 'workflows', 'workflow_versions', 'activations', 'runs', 'hooks', 'hook_deliveries', 'api_keys', 'users', 'sessions', 'invites', 'secrets'];
  const { rows } = await ctx.services.database.pool.query(
    `select ${tables.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`);
  const revoked = await ctx.services.database.pool.query('select count(*)::int as n from api_keys where revoked_at is not null');
  return [...Object.values(rows[0] as Record<string, number>), revoked.rows[0].n];
}

const withAuth = (by: { key?: string; session?: TestSession }) => (by.key ? { authorization: `Bearer ${by.key}` } : sessionHeaders(by.session!));

describe('roles on every /api route', () => {
  it('finds the routes of the app, including the access routes', async () => {
    const names = (await handlers()).map((h) => `${h.method} ${h.template}`);
    for (const expected of ['POST /api/workflows', 'PUT /api/workflows/[id]', 'POST /api/keys', 'DELETE /api/keys/[id]', 'PATCH /api/users/[id]',
      'POST /api/users/invites', 'PUT /api/secrets/[name]', 'POST /api/auth/signin', 'GET /api/auth/me']) {
      expect(names).toContain(expected);
    }
  });

  it('refuses every role below the route’s with 403, by API key and by session, and changes nothing', async () => {
    const checked: string[] = [];
    for (const h of await handlers()) {
      if (h.need === 'public' || h.need === 'viewer') continue;
      const below = ROLES.slice(0, ROLES.indexOf(h.need));
      for (const role of below) {
        for (const by of [{ key: keys[role] }, { session: sessions[role] }]) {
          const fixture = await fixtureFor(h.method, h.template)();
          const before = await state();
          const res = await call(h.method, fixture.url, withAuth(by), fixture.body);
          const label = `${h.method} ${h.template} as ${role} ${by.key ? 'key' : 'session'}`;
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(403);
          expect(res.body.error, label).toMatchObject({ code: 'forbidden', message: expect.stringContaining(`needs the ${h.need} role`) });
          expect(await state(), `${label} changed something`).toEqual(before);
        }
      }
      checked.push(`${h.method} ${h.template}`);
    }
    // every write is refused to a viewer (except for the viewer's own account)
    for (const h of await handlers()) {
      const key = `${h.method} ${h.template}`;
      if (h.need !== 'public' && h.method !== 'GET' && h.method !== 'HEAD' && !OWN_ACCOUNT.has(key)) expect(checked, 'writes').toContain(key);
    }
    expect(checked.length).toBeGreaterThanOrEqual(25);
  }, 300_000);

  it('answers 2xx to the route’s own role, signed in with a session (cookie and CSRF token)', async () => {
    const answered: string[] = [];
    for (const h of await handlers()) {
      if (h.need === 'public') continue;
      const fixture = await fixtureFor(h.method, h.template)();
      const res = await call(h.method, fixture.url, sessionHeaders(fixture.as ?? sessions[h.need]), fixture.body);
      const label = `${h.method} ${h.template} as ${h.need}`;
      if (fixtures[`${h.method} ${h.template}`]) expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(200);
      if (fixtures[`${h.method} ${h.template}`]) expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      else expect([401, 403], `${label}: ${JSON.stringify(res.body)}`).not.toContain(res.status);
      answered.push(label);
    }
    expect(answered.length).toBeGreaterThanOrEqual(40);
  }, 300_000);

  it('lets a higher role do what a lower one may (an admin key edits, an admin session reads)', async () => {
    const created = await call('POST', '/api/workflows', { authorization: `Bearer ${keys.admin}` }, doc());
    expect(created.status).toBe(201);
    const read = await call('GET', `/api/workflows/${created.body.id}`, sessionHeaders(sessions.admin, false));
    expect(read.status).toBe(200);
    const edited = await call('PUT', `/api/workflows/${created.body.id}`, sessionHeaders(sessions.editor), transformWorkflow('Renamed', 'probe.sent', '1'));
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('Renamed');
  });
});
