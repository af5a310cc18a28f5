import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, callApi } from '../setup/api';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { countRows, createWorkflow, eventCount, transformWorkflow } from './api-helpers';

let ctx: TestContext;
let workflowId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  workflowId = await createWorkflow(transformWorkflow('Auth probe', 'order.placed', 'event.data'));
});

afterAll(async () => {
  await ctx?.close();
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const appDir = path.resolve(__dirname, '../../app');

/** The URL path of a route file, with every [param] filled in with an existing workflow id. */
function urlOf(file: string, param: string): { template: string; url: string } {
  const template = `/${path.relative(appDir, path.dirname(file)).split(path.sep).join('/')}`;
  return { template, url: template.replace(/\[[^\]]+\]/g, param) };
}

/** SPEC §4: only /api/health, the webhook receiver POST /api/hooks/{id} and signing in (setup, sign-in, invite) are public. */
const isPublic = (template: string, method: string) =>
  template === '/api/health' || (template === '/api/hooks/[id]' && method === 'POST')
  || (method === 'POST' && ['/api/auth/setup', '/api/auth/signin', '/api/auth/invites/accept'].includes(template));

/** Every exported handler of every route file under app/api, found the way Next.js finds them. */
async function handlers() {
  const found: { template: string; url: string; method: string }[] = [];
  for (const route of apiRoutes) {
    const mod = await import(route.file) as Record<string, unknown>;
    const { template, url } = urlOf(route.file, workflowId);
    for (const method of METHODS) if (typeof mod[method] === 'function') found.push({ template, url, method });
  }
  return found;
}

/** A body that the route would accept, so that a missing auth check would show as a 2xx and a change. */
function bodyFor(template: string) {
  if (template === '/api/events') return { type: 'order.placed', id: 'unauthorised', data: {} };
  if (template.startsWith('/api/workflows')) return transformWorkflow('Changed without a key', 'order.placed', 'event.data');
  return {};
}

describe('authentication', () => {
  it('finds the routes of the app', async () => {
    const all = await handlers();
    const names = all.map((h) => `${h.method} ${h.template}`);
    for (const expected of ['POST /api/events', 'GET /api/events', 'GET /api/events/[id]', 'POST /api/workflows', 'PUT /api/workflows/[id]',
      'DELETE /api/workflows/[id]', 'POST /api/workflows/[id]/activate', 'POST /api/workflows/[id]/run', 'GET /api/runs', 'POST /api/runs/[id]/cancel', 'GET /api/health']) {
      expect(names).toContain(expected);
    }
  });

  const refusals: [string, { auth?: string | null; headers?: Record<string, string> }][] = [
    ['no Authorization header', { auth: null }],
    ['a wrong key', { auth: 'wrong-key-0000000000000000000000' }],
    ['the right key in another scheme', { auth: null, headers: { authorization: 'Basic dGVzdC1hcGkta2V5LTAxMjM0NTY3ODlhYmNkZWY=' } }],
    ['an empty bearer token', { auth: null, headers: { authorization: 'Bearer ' } }],
  ];

  for (const [label, init] of refusals) {
    it(`answers 401 with ${label} on every non-public /api route and changes nothing`, async () => {
      const tables = ['events', 'workflows', 'workflow_versions', 'activations', 'runs'] as const;
      const counts = async () => Promise.all(tables.map((t) => countRows(ctx, t)));
      const before = await counts();
      const checked: string[] = [];
      for (const h of await handlers()) {
        if (isPublic(h.template, h.method)) continue;
        const res = await callApi(h.method, h.url, { ...init, ...(h.method === 'GET' || h.method === 'HEAD' ? {} : { body: bodyFor(h.template) }) });
        expect(res.status, `${h.method} ${h.template} without a valid key: ${JSON.stringify(res.body)}`).toBe(401);
        expect(res.body.error, `${h.method} ${h.template}`).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/API key/) });
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        checked.push(`${h.method} ${h.template}`);
      }
      expect(checked.length).toBeGreaterThanOrEqual(12);
      expect(await counts()).toEqual(before);
      const workflow = await callApi('GET', `/api/workflows/${workflowId}`);
      expect(workflow.status).toBe(200);
      expect(workflow.body).toMatchObject({ name: 'Auth probe', active: false });
    });
  }

  it('accepts the key on every route (no 401), case-insensitive scheme included', async () => {
    const list = await callApi('GET', '/api/events', { auth: null, headers: { authorization: `bearer ${TEST_API_KEY}` } });
    expect(list.status).toBe(200);
    for (const h of await handlers()) {
      // DELETE would remove the probe workflow the other routes use; public routes have their own checks
      if (h.method === 'DELETE' || isPublic(h.template, h.method)) continue;
      // called directly and the body left unread, so a streaming route (SSE) cannot hang the test
      const route = apiRoutes.find((r) => r.pattern.test(h.url))!;
      const mod = await import(route.file) as Record<string, Handler>;
      const withBody = h.method !== 'GET' && h.method !== 'HEAD';
      const request = new Request(new URL(h.url, 'http://localhost'), {
        method: h.method,
        headers: { authorization: `Bearer ${TEST_API_KEY}`, ...(withBody ? { 'content-type': 'application/json' } : {}) },
        body: withBody ? JSON.stringify(bodyFor(h.template)) : undefined,
      });
      const params = Object.fromEntries(route.names.map((n, i) => [n, h.url.match(route.pattern)![i + 1]]));
      const res = await mod[h.method](request, { params: Promise.resolve(params) });
      await res.body?.cancel();
      expect(res.status, `${h.method} ${h.template}`).not.toBe(401);
    }
  });

  it('leaves /api/health open', async () => {
    const before = await eventCount(ctx);
    const res = await callApi('GET', '/api/health', { auth: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ db: 'ok', redis: 'ok' });
    expect(await eventCount(ctx)).toBe(before);
  });
});
