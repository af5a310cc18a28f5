/** The audit trail: who changed which workflow, hook, run, key, user or secret, kept as `causeway.audit.*` events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/list';
import { actionText, actorText } from '@/lib/audit/describe';
import { callApi } from '../setup/api';
import { apiKeyWithRole, ensureUser, sessionHeaders, sessionOf, type TestSession } from '../setup/accounts';
import { createTestContext, type TestContext } from '../setup/context';
import { transformWorkflow } from './api-helpers';

let ctx: TestContext;
let editor: TestSession;
let admin: TestSession;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: 'auth-audit-secret-0123456789' });
  editor = await sessionOf(ctx, (await ensureUser(ctx, 'edna@example.com', 'editor')).id);
  admin = await sessionOf(ctx, (await ensureUser(ctx, 'ada@example.com', 'admin')).id);
});

afterAll(async () => {
  await ctx?.close();
});

/** The audit events in the log, oldest first, as GET /api/events shows them. */
async function trail(): Promise<any[]> {
  const res = await callApi('GET', '/api/events?type=causeway.audit.**&limit=500');
  expect(res.status).toBe(200);
  return res.body.items.reverse();
}

describe('the audit trail', () => {
  it('records workflow changes with the person who made them, one entry per editing session of a workflow', async () => {
    const as = { auth: null, headers: sessionHeaders(editor) };
    const created = await callApi('POST', '/api/workflows', { ...as, body: transformWorkflow('Audited', 'a.b', '1') });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // autosave: many saves in a row are one "changed" entry
    for (let i = 0; i < 5; i++) expect((await callApi('PUT', `/api/workflows/${id}`, { ...as, body: transformWorkflow('Audited', 'a.b', String(i)) })).status).toBe(200);
    expect((await callApi('POST', `/api/workflows/${id}/activate`, as)).status).toBe(200);
    // after another action, a save is a new entry again
    expect((await callApi('PUT', `/api/workflows/${id}`, { ...as, body: transformWorkflow('Audited again', 'a.b', '9') })).status).toBe(200);
    expect((await callApi('DELETE', `/api/workflows/${id}`, as)).status).toBe(204);

    const mine = (await trail()).filter((e) => e.subject === `workflows/${id}`);
    expect(mine.map((e) => e.type)).toEqual([
      'causeway.audit.workflow.created', 'causeway.audit.workflow.updated', 'causeway.audit.workflow.activated',
      'causeway.audit.workflow.updated', 'causeway.audit.workflow.deleted',
    ]);
    expect(mine[0]).toMatchObject({
      source: '/audit',
      data: { actor: { kind: 'user', email: 'edna@example.com', role: 'editor' }, target: { kind: 'workflow', id, name: 'Audited' } },
    });
    expect(mine[3].data.target.name).toBe('Audited again');
  });

  it('records webhook, key, user, invite and secret changes by people and by API keys', async () => {
    const key = await apiKeyWithRole(ctx, 'admin', 'deploy bot');
    const hook = await callApi('POST', '/api/hooks', { auth: key, body: { name: 'Audited hook', eventType: 'a.b', verify: { scheme: 'token' } } });
    expect(hook.status).toBe(201);
    expect((await callApi('POST', `/api/hooks/${hook.body.id}/rotate`, { auth: key, body: {} })).status).toBe(200);
    const asAdmin = { auth: null, headers: sessionHeaders(admin) };
    const newKey = await callApi('POST', '/api/keys', { ...asAdmin, body: { name: 'reporting', role: 'viewer' } });
    expect((await callApi('DELETE', `/api/keys/${newKey.body.id}`, asAdmin)).status).toBe(200);
    const person = await ensureUser(ctx, 'pat@example.com', 'viewer');
    expect((await callApi('PATCH', `/api/users/${person.id}`, { ...asAdmin, body: { role: 'editor' } })).status).toBe(200);
    expect((await callApi('POST', '/api/users/invites', { ...asAdmin, body: { email: 'ivy@example.com', role: 'viewer' } })).status).toBe(201);
    expect((await callApi('POST', '/api/secrets', { ...asAdmin, body: { name: 'AUDITED', value: 'super-secret-value' } })).status).toBe(201);
    expect((await callApi('DELETE', '/api/secrets/AUDITED', asAdmin)).status).toBe(204);

    const all = await trail();
    const find = (type: string) => all.find((e) => e.type === `causeway.audit.${type}`)?.data;
    expect(find('hook.created')).toMatchObject({ actor: { kind: 'api-key', name: 'deploy bot', role: 'admin' }, target: { name: 'Audited hook' } });
    expect(find('hook.secret_rotated')).toMatchObject({ target: { id: hook.body.id } });
    expect(find('key.created')).toMatchObject({ actor: { email: 'ada@example.com' }, target: { name: 'reporting' }, details: { role: 'viewer' } });
    expect(find('key.revoked')).toMatchObject({ target: { id: newKey.body.id, name: 'reporting' } });
    expect(find('user.role_changed')).toMatchObject({ target: { name: 'pat@example.com' }, details: { from: 'viewer', to: 'editor' } });
    expect(find('invite.created')).toMatchObject({ target: { name: 'ivy@example.com' }, details: { role: 'viewer' } });
    expect(find('secret.created')).toMatchObject({ target: { name: 'AUDITED' } });
    expect(find('secret.deleted')).toMatchObject({ target: { name: 'AUDITED' } });
    // secrets and keys never reach the log
    const text = JSON.stringify(all);
    expect(text).not.toContain('super-secret-value');
    expect(text).not.toContain(newKey.body.key);
    expect(text).not.toContain(key);
  });

  it('records nothing for a refused change', async () => {
    const before = (await trail()).length;
    const viewer = await sessionOf(ctx, (await ensureUser(ctx, 'vic@example.com', 'viewer')).id);
    expect((await callApi('POST', '/api/workflows', { auth: null, headers: sessionHeaders(viewer), body: transformWorkflow('No', 'a.b', '1') })).status).toBe(403);
    expect((await callApi('POST', '/api/workflows', { auth: null, headers: sessionHeaders(editor), body: { name: '' } })).status).toBe(400);
    expect((await callApi('DELETE', '/api/workflows/00000000-0000-4000-8000-000000000000', { auth: null, headers: sessionHeaders(editor) })).status).toBe(404);
    expect((await trail()).length).toBe(before);
  });

  it('reads as sentences on the audit page, newest first, filterable by kind', async () => {
    const page = await listAudit(ctx.services.database.db, { kind: 'user', limit: 10 });
    const changed = page.items.find((e) => e.action === 'user.role_changed')!;
    expect(actorText(changed)).toBe('ada@example.com');
    expect(actionText(changed)).toBe('changed the role of pat@example.com from viewer to editor');
    expect(page.items.every((e) => e.action.startsWith('user.'))).toBe(true);
    const everything = await listAudit(ctx.services.database.db, { limit: 3 });
    expect(everything.items).toHaveLength(3);
    expect(everything.items[0]!.seq).toBeGreaterThan(everything.items[2]!.seq);
    const older = await listAudit(ctx.services.database.db, { limit: 3, cursor: everything.nextCursor! });
    expect(older.items[0]!.seq).toBeLessThan(everything.items[2]!.seq);
  });
});
