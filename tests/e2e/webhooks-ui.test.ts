import { randomUUID } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import githubExamples from '@octokit/webhooks-examples';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { signInBrowser } from '../setup/accounts';
import { launchBrowser } from '../setup/browser';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { startWebServer } from '../setup/web-server';

const SECRET = 'causeway-e2e-secret-0123456789';
let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: SECRET });
  const workflow = {
    name: 'Announce pushes',
    nodes: [
      { id: 'push', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'github.push' } },
      { id: 'summary', type: 'transform', position: { x: 200, y: 0 }, config: { expression: '{ "ref": event.data.ref }' } },
    ],
    edges: [{ id: 'e1', source: 'push', target: 'summary' }],
  };
  const { body } = await callApi('POST', '/api/workflows', { body: workflow });
  await callApi('POST', `/api/workflows/${body.id}/activate`);
  await ctx.startWorker();
  web = await startWebServer(ctx.env, { CAUSEWAY_SECRET: SECRET });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInBrowser(page, web.url, ctx);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.process.stop();
  await ctx?.close();
});

const payload = JSON.stringify(githubExamples.find((e) => e.name === 'push')!.examples[0]);

async function send(url: string, secret: string, delivery = randomUUID()) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': delivery,
      'x-hub-signature-256': await githubSign(secret, payload),
    },
    body: payload,
  });
}

describe('webhooks in the UI', () => {
  let url: string;
  let secret: string;

  it('creates a GitHub endpoint and shows its URL, its secret once, and a curl example', async () => {
    await page.goto(web.url);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    // a refused setting is explained next to its field, and what was typed stays
    await page.getByLabel('Name').fill('GitHub: acme/api');
    await page.getByLabel('Verification').selectOption({ label: 'Shared token' });
    await page.getByLabel('Event type').fill('push received');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    // (scoped to the form: Next.js's route announcer is an alert too)
    const problem = page.getByRole('region', { name: 'New endpoint' }).getByRole('alert');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toMatch(/eventType must be dot-separated words/);
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('GitHub: acme/api');
    await page.screenshot({ path: 'test-results/webhooks-refused-setting.png' });

    await page.getByLabel('Verification').selectOption({ label: 'GitHub' });
    await page.getByLabel('Event type').fill('');
    await expect(page.getByLabel('Event type').getAttribute('placeholder')).resolves.toBe('github.{{ headers."x-github-event" }}');
    await page.getByRole('button', { name: 'Create endpoint' }).click();

    const reveal = page.getByRole('status', { name: 'New endpoint secret' });
    await reveal.waitFor();
    url = (await reveal.getByTestId('hook-url').textContent())!;
    secret = (await reveal.getByTestId('hook-secret').textContent())!;
    expect(url).toMatch(new RegExp(`^${web.url}/api/hooks/[0-9a-f-]{36}$`));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(reveal.getByTestId('hook-curl').textContent()).resolves.toContain('x-hub-signature-256: sha256=$SIG');
    await expect(page.getByRole('table', { name: 'Endpoints' }).getByRole('link', { name: 'GitHub: acme/api' }).count()).resolves.toBe(1);
    await page.screenshot({ path: 'test-results/webhooks-created.png', fullPage: true });

    // the secret is not shown again once the page is left
    await page.reload();
    await expect(page.getByTestId('hook-secret').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain(secret);
  });

  it('shows a signed delivery with its verification, event and run, and a forged one refused', async () => {
    const accepted = await send(url, secret);
    expect(accepted.status).toBe(202);
    const forged = await send(url, 'not-the-secret-at-all-0000');
    expect(forged.status).toBe(401);

    await page.getByRole('link', { name: 'Open the endpoint and watch its deliveries →' }).count().then(async (n) => {
      if (n === 0) await page.getByRole('link', { name: 'GitHub: acme/api' }).click();
    });
    await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
    const deliveries = page.getByRole('list', { name: 'Deliveries' });
    // the page refreshes itself; the run goes from queued to succeeded without a reload
    await waitFor(async () => (await deliveries.getByText('succeeded').count()) === 1, { timeoutMs: 30_000, intervalMs: 250, what: 'the run to show as succeeded' });
    const rows = deliveries.getByTestId('delivery');
    await expect(rows.count()).resolves.toBe(2);
    const refused = rows.nth(0);
    const ok = rows.nth(1);
    await expect(refused.locator('summary').textContent()).resolves.toMatch(/401.*failed check/);
    await expect(ok.locator('summary').textContent()).resolves.toMatch(/202.*verified.*new.*github\.push.*Announce pushes.*succeeded/);

    await ok.locator('summary').click();
    await expect(ok.getByText('x-github-event').isVisible()).resolves.toBe(true);
    await expect(ok.getByText('[masked, 71 characters]').isVisible()).resolves.toBe(true);
    await expect(ok.getByText('"ref": "refs/tags/simple-tag"').isVisible()).resolves.toBe(true);
    await refused.locator('summary').click();
    await expect(refused.getByText(/does not match the secret/).first().isVisible()).resolves.toBe(true);
    await expect(refused.getByRole('button', { name: 'Send again' }).count()).resolves.toBe(0);
    await page.screenshot({ path: 'test-results/webhooks-deliveries.png', fullPage: true });
  });

  it('sends a delivery again from the log, which runs the workflow again', async () => {
    const rows = page.getByRole('list', { name: 'Deliveries' }).getByTestId('delivery');
    await rows.nth(1).getByRole('button', { name: 'Send again' }).click();
    await waitFor(async () => (await rows.count()) === 3, { timeoutMs: 15_000, intervalMs: 200, what: 'the resent delivery' });
    await waitFor(async () => /202.*sent again.*new.*github\.push.*succeeded/.test((await rows.nth(0).locator('summary').textContent()) ?? ''),
      { timeoutMs: 30_000, intervalMs: 250, what: 'the resent delivery to run' });
    const { rows: runs } = await ctx.services.database.pool.query('select count(*)::int as n from runs');
    expect(runs[0].n).toBe(2);
    await page.screenshot({ path: 'test-results/webhooks-resent.png', fullPage: true });
  });

  it('rotates the secret without a grace period, then deletes the endpoint', async () => {
    const rotate = page.getByRole('region', { name: 'Rotate the secret' });
    await rotate.getByLabel('Keep accepting the old secret for').selectOption({ label: 'no grace: stop accepting it now' });
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    const revealed = rotate.getByTestId('hook-secret');
    await revealed.waitFor();
    const fresh = (await revealed.textContent())!;
    expect(fresh).not.toBe(secret);
    expect((await send(url, secret)).status).toBe(401);
    expect((await send(url, fresh)).status).toBe(202);
    await page.screenshot({ path: 'test-results/webhooks-rotated.png', fullPage: true });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.waitForURL(/\/webhooks$/);
    await expect(page.getByText('No endpoints yet.').isVisible()).resolves.toBe(true);
    expect((await send(url, fresh)).status).toBe(404);
  });
});
