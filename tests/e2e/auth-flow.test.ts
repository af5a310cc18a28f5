/**
 * Accounts in the browser, as people use them: the first visitor sets up the owner, the owner
 * invites an editor and a viewer, the editor joins and edits a workflow, the viewer joins and
 * cannot change it, and the owner sees it all in the audit trail, manages keys and secrets.
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkflows } from '@/lib/demo/workflows';
import { callApi } from '../setup/api';
import { launchBrowser } from '../setup/browser';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { startWebServer } from '../setup/web-server';

const SECRET = 'auth-flow-secret-0123456789abcdef';
let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let owner: Page;
let workflowId: string;
const links: Record<'editor' | 'viewer', string> = { editor: '', viewer: '' };

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: SECRET });
  const doc = demoWorkflows('http://127.0.0.1:9').find((w) => w.name === 'Capture payment')!;
  workflowId = (await callApi('POST', '/api/workflows', { body: doc })).body.id;
  web = await startWebServer(ctx.env, { CAUSEWAY_SECRET: SECRET });
  browser = await launchBrowser();
  owner = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await fs.mkdir('test-results', { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.process.stop();
  await ctx?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/auth-${name}.png`, fullPage: true });
const stored = async () => (await callApi('GET', `/api/workflows/${workflowId}`)).body;

async function join(link: string, name: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await page.goto(link);
  await page.getByRole('heading', { name: 'Join Causeway' }).waitFor();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password again').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${web.url}/`);
  return page;
}

describe('accounts in the browser', () => {
  it('sends the first visitor to owner setup, checks the password as it is typed, and signs the owner in', async () => {
    await owner.goto(web.url);
    await owner.waitForURL(`${web.url}/setup`);
    await owner.getByLabel('Email').fill('olga@example.com');
    await owner.getByLabel('Your name').fill('Olga');
    await owner.getByLabel('Password', { exact: true }).fill('password2024');
    await owner.getByText('The password is too easy to guess').waitFor();
    await shot(owner, '1-setup-weak-password');
    await owner.getByLabel('Password', { exact: true }).fill('granite-lantern-harbour-7');
    await owner.getByText('Strong enough.').waitFor();
    await owner.getByLabel('Password again').fill('granite-lantern-harbour-7');
    await owner.getByRole('button', { name: 'Create owner account' }).click();
    await owner.waitForURL(`${web.url}/`);
    await expect(owner.getByTestId('signed-in-as').textContent()).resolves.toBe('olga@example.com');
    await shot(owner, '2-owner-signed-in');
    // setup happens once
    await owner.goto(`${web.url}/setup`);
    await owner.waitForURL(/\/(signin)?$/);
  });

  it('lets the owner invite an editor and a viewer, showing each link once', async () => {
    await owner.goto(web.url);
    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Users' }).click();
    for (const role of ['editor', 'viewer'] as const) {
      await owner.getByLabel('Email').fill(`${role}@example.com`);
      await owner.getByLabel('Role', { exact: true }).selectOption(role);
      await owner.getByRole('button', { name: 'Create invite link' }).click();
      const reveal = owner.getByRole('status', { name: 'Invite link' });
      await reveal.getByText(`Send this link to ${role}@example.com`).waitFor();
      links[role] = (await reveal.getByTestId('revealed-value').textContent())!;
      expect(links[role]).toMatch(new RegExp(`^${web.url}/invite/[\\w-]{43}$`));
      if (role === 'editor') await shot(owner, '3-invite-link');
    }
    await owner.reload();
    const invites = owner.getByRole('table', { name: 'Open invites' });
    await invites.getByRole('cell', { name: 'editor@example.com', exact: true }).waitFor();
    await expect(owner.getByText(links.editor).count()).resolves.toBe(0);
  });

  it('lets the editor join from the link and edit a workflow', async () => {
    const editor = await join(links.editor, 'Edna', 'velvet-thunder-orchard-9');
    await expect(editor.getByTestId('signed-in-as').textContent()).resolves.toBe('editor@example.com');
    await shot(editor, '4-editor-joined');
    // the link works once
    const again = await (await browser.newContext()).newPage();
    await again.goto(links.editor);
    await again.getByRole('heading', { name: 'This invite link does not work' }).waitFor();
    await again.context().close();

    await editor.getByRole('link', { name: 'Workflows' }).click();
    await editor.getByRole('link', { name: 'Capture payment' }).first().click();
    await editor.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
    await editor.locator('.react-flow__node[data-id="charge"]').click();
    await editor.getByLabel('URL').fill('https://payments.example.com/v2/charges');
    await editor.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });
    await waitFor(async () => (await stored()).nodes.find((n: any) => n.id === 'charge')?.config.url === 'https://payments.example.com/v2/charges',
      { what: 'the editor’s change on the server' });
    await shot(editor, '5-editor-edits-workflow');

    // signing out ends the session; signing in again brings the editor back where they were going
    await editor.getByRole('button', { name: 'Sign out' }).click();
    await editor.waitForURL(`${web.url}/signin`);
    await editor.goto(`${web.url}/workflows`);
    await editor.waitForURL(`${web.url}/signin?next=%2Fworkflows`);
    await editor.getByLabel('Email').fill('editor@example.com');
    await editor.getByLabel('Password').fill('wrong-password-here');
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.getByRole('alert').filter({ hasText: 'The email or password is not right.' }).waitFor();
    await shot(editor, '6-signin-refused');
    await editor.getByLabel('Password').fill('velvet-thunder-orchard-9');
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.waitForURL(`${web.url}/workflows`);
    await editor.context().close();
  });

  it('lets the viewer join and look, but not change anything', async () => {
    const viewer = await join(links.viewer, 'Vic', 'quiet-meadow-lantern-42');
    const before = await stored();
    await viewer.goto(`${web.url}/workflows/${workflowId}`);
    await viewer.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
    await viewer.getByText('View only').waitFor();
    await expect(viewer.getByRole('button', { name: 'Activate', exact: true }).count()).resolves.toBe(0);
    await viewer.locator('.react-flow__node[data-id="charge"]').click();
    await expect(viewer.getByLabel('URL').getAttribute('readonly')).resolves.not.toBeNull();
    await shot(viewer, '7-viewer-read-only');
    // the API says no too, even with the page's own session and CSRF token
    const refused = await viewer.evaluate(async (id) => {
      const csrf = document.documentElement.innerHTML.match(/csrfToken\\*"\s*:\s*\\*"([\w-]{43})/)?.[1] ?? '';
      const res = await fetch(`/api/workflows/${id}/activate`, { method: 'POST', headers: { 'x-csrf-token': csrf } });
      return { csrf, status: res.status, body: await res.json() };
    }, workflowId);
    expect(refused.csrf).toHaveLength(43);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', message: 'this needs the editor role; you have viewer' });
    await viewer.goto(`${web.url}/webhooks`);
    await expect(viewer.getByRole('button', { name: 'Create endpoint' }).count()).resolves.toBe(0);
    await viewer.goto(`${web.url}/settings/users`);
    await viewer.getByRole('alert', { name: 'Not allowed' }).waitFor();
    await expect(viewer.getByRole('navigation', { name: 'Settings' }).getByRole('link').allTextContents()).resolves.toEqual(['Account']);
    await shot(viewer, '8-viewer-not-allowed');
    expect(await stored()).toEqual(before);
    await viewer.context().close();
  });

  it('shows the owner who did what in the audit trail', async () => {
    await owner.goto(`${web.url}/settings/audit`);
    const table = owner.getByRole('table', { name: 'Audit trail' });
    await table.getByRole('cell', { name: 'joined as editor' }).waitFor();
    await table.getByRole('cell', { name: 'changed workflow Capture payment' }).waitFor();
    await table.getByRole('cell', { name: 'invited viewer@example.com as viewer' }).waitFor();
    await shot(owner, '9-audit-trail');
  });

  it('lets the owner create an API key (shown once), use it, and revoke it', async () => {
    await owner.goto(`${web.url}/settings/keys`);
    await owner.getByLabel('Name').fill('orders service');
    await owner.getByLabel('Role', { exact: true }).selectOption('viewer');
    await owner.getByRole('button', { name: 'Create key' }).click();
    const key = (await owner.getByRole('status', { name: 'API key' }).getByTestId('revealed-value').textContent())!;
    expect((await fetch(`${web.url}/api/workflows`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    await shot(owner, '10-api-key-created');
    owner.once('dialog', (d) => void d.accept());
    await owner.getByRole('button', { name: 'Revoke orders service' }).click();
    await owner.getByRole('table', { name: 'API keys' }).getByText('revoked').waitFor();
    expect((await fetch(`${web.url}/api/workflows`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    await shot(owner, '11-api-key-revoked');
    await owner.reload();
    await owner.getByRole('table', { name: 'API keys' }).getByText('revoked').waitFor();
    await expect(owner.getByText(key).count()).resolves.toBe(0);
  });

  it('lets the owner store a secret whose value is never shown again', async () => {
    await owner.goto(`${web.url}/settings/secrets`);
    await owner.getByLabel('Name').fill('PAYMENTS_TOKEN');
    await owner.getByLabel('Value').fill('tok_live_browser_0001');
    await owner.getByRole('button', { name: 'Save secret' }).click();
    await owner.getByRole('status').filter({ hasText: 'Saved PAYMENTS_TOKEN' }).waitFor();
    const table = owner.getByRole('table', { name: 'Secrets' });
    await table.getByRole('cell', { name: '{{ secrets.PAYMENTS_TOKEN }}' }).waitFor();
    await owner.reload();
    expect(await owner.content()).not.toContain('tok_live_browser_0001');
    await shot(owner, '12-secrets');
  });
});
