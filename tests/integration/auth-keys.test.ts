/** API keys: shown once, stored hashed, acting with their role, listed with last use, expiring, revocable at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { expectError } from './api-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const q = (sql: string, params: unknown[] = []) => ctx.services.database.pool.query(sql, params);
const doc = (name: string) => ({ name, nodes: [{ id: 't', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} }], edges: [] });

async function newKey(body: Record<string, unknown>) {
  const res = await callApi('POST', '/api/keys', { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; key: string; name: string; role: string; prefix: string; expiresAt: string | null; status: string };
}

describe('API keys', () => {
  it('answers the key once and stores only its hash', async () => {
    const created = await newKey({ name: 'orders service', role: 'editor' });
    expect(created.key).toMatch(/^cw_[\w-]{32}$/);
    expect(created).toMatchObject({ name: 'orders service', role: 'editor', status: 'active', prefix: created.key.slice(0, 7), expiresAt: null });
    const { rows } = await q('select * from api_keys where id = $1', [created.id]);
    expect(JSON.stringify(rows[0])).not.toContain(created.key);
    expect(rows[0].created_by).toBe('the bootstrap API key');
    const listed = (await callApi('GET', '/api/keys')).body.items.find((k: any) => k.id === created.id);
    expect(listed).toMatchObject({ name: 'orders service', prefix: created.prefix, lastUsedAt: null });
    expect(JSON.stringify((await callApi('GET', '/api/keys')).body)).not.toContain(created.key);
  });

  it('acts with its role: an editor key edits workflows but cannot manage keys; a viewer key only reads', async () => {
    const editor = await newKey({ name: 'ci', role: 'editor' });
    const viewer = await newKey({ name: 'dashboard', role: 'viewer' });
    expect((await callApi('POST', '/api/workflows', { auth: editor.key, body: doc('By the CI key') })).status).toBe(201);
    expectError(await callApi('POST', '/api/keys', { auth: editor.key, body: { name: 'escalate', role: 'admin' } }), 403, /needs the admin role; this API key has editor/);
    expectError(await callApi('POST', '/api/workflows', { auth: viewer.key, body: doc('By the dashboard') }), 403, /needs the editor role/);
    expectError(await callApi('POST', '/api/events', { auth: viewer.key, body: { type: 'x.y', data: {} } }), 403);
    expect((await callApi('GET', '/api/workflows', { auth: viewer.key })).status).toBe(200);
    expect((await q(`select count(*)::int as n from workflows where name = 'By the dashboard'`)).rows[0].n).toBe(0);
  });

  it('records when a key was last used', async () => {
    const key = await newKey({ name: 'used', role: 'viewer' });
    const before = Date.now();
    expect((await callApi('GET', '/api/events', { auth: key.key })).status).toBe(200);
    const listed = (await callApi('GET', '/api/keys')).body.items.find((k: any) => k.id === key.id);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('revokes a key at once: the very next request with it is refused', async () => {
    const key = await newKey({ name: 'leaked', role: 'admin' });
    expect((await callApi('GET', '/api/workflows', { auth: key.key })).status).toBe(200);
    const revoked = await callApi('DELETE', `/api/keys/${key.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expectError(await callApi('GET', '/api/workflows', { auth: key.key }), 401);
    expectError(await callApi('POST', '/api/keys', { auth: key.key, body: { name: 'sneaky', role: 'admin' } }), 401);
    expectError(await callApi('DELETE', `/api/keys/${key.id}`), 409, /already revoked/);
    expectError(await callApi('DELETE', '/api/keys/00000000-0000-4000-8000-000000000000'), 404);
    expect((await callApi('GET', '/api/keys')).body.items.find((k: any) => k.id === key.id).status).toBe('revoked');
  });

  it('stops working when it expires', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const key = await newKey({ name: 'temporary', role: 'viewer', expiresAt: soon });
    expect(key.expiresAt).toBe(soon);
    expect((await callApi('GET', '/api/workflows', { auth: key.key })).status).toBe(200);
    await q(`update api_keys set expires_at = now() - interval '1 second' where id = $1`, [key.id]);
    expectError(await callApi('GET', '/api/workflows', { auth: key.key }), 401);
    expect((await callApi('GET', '/api/keys')).body.items.find((k: any) => k.id === key.id).status).toBe('expired');
  });

  it('refuses bad key requests and creates nothing', async () => {
    const before = (await q('select count(*)::int as n from api_keys')).rows[0].n;
    expectError(await callApi('POST', '/api/keys', { body: { name: '', role: 'viewer' } }), 400, /name/);
    expectError(await callApi('POST', '/api/keys', { body: { name: 'x', role: 'root' } }), 400, /role/);
    expectError(await callApi('POST', '/api/keys', { body: { name: 'x', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' } }), 400, /future/);
    expectError(await callApi('POST', '/api/keys', { body: { name: 'x', role: 'viewer', expiresAt: 'tomorrow' } }), 400, /ISO/);
    expectError(await callApi('POST', '/api/keys', { body: { name: 'x', role: 'viewer', key: 'cw_chosen_by_me' } }), 400);
    expect((await q('select count(*)::int as n from api_keys')).rows[0].n).toBe(before);
  });

  it('keeps CAUSEWAY_API_KEY working as the bootstrap admin key', async () => {
    const me = await callApi('GET', '/api/auth/me', { auth: TEST_API_KEY });
    expect(me.body).toEqual({ kind: 'api-key', id: null, name: 'bootstrap', role: 'admin' });
    expect((await callApi('GET', '/api/users')).status).toBe(200);
  });
});
