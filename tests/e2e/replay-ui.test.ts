import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { signInBrowser } from '../setup/accounts';
import { launchBrowser } from '../setup/browser';
import { createTestContext, type TestContext } from '../setup/context';
import { startWebServer } from '../setup/web-server';
import { createActiveWorkflow, sendEvent, transformWorkflow } from '../integration/api-helpers';
import { settled } from '../integration/replay-helpers';

let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let page: Page;
let workflowId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  workflowId = await createActiveWorkflow(transformWorkflow('Price orders', 'order.placed', '{ "total": event.data.total }'));
  await ctx.startWorker();
  for (const [id, total] of [['ord-1', 10], ['ord-2', 20], ['ord-3', 30]] as const) {
    await sendEvent({ type: 'order.placed', source: '/shop', id, subject: id, data: { orderId: id, total, status: 'placed' } });
  }
  await sendEvent({ type: 'order.paid', source: '/shop', id: 'pay-1', subject: 'ord-1', data: { status: 'paid' } });
  await settled(ctx);
  web = await startWebServer(ctx.env);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await signInBrowser(page, web.url, ctx);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.process.stop();
  await ctx?.close();
});

describe('replays in the browser', () => {
  it('starts a replay from the events page, watches it finish, and follows a replayed run to its original', async () => {
    await page.goto(`${web.url}/events`);
    await page.getByRole('button', { name: 'Replay…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay events' });
    await dialog.getByLabel('Type pattern').fill('order.placed');
    await dialog.getByRole('button', { name: 'Count' }).click();
    await expect(dialog.getByRole('status', { name: 'Estimate' }).textContent()).resolves.toMatch(/3\s*events → 3 new runs/);
    await page.screenshot({ path: 'test-results/replay-dialog.png' });
    await dialog.getByRole('button', { name: 'Start replay' }).click();

    await page.waitForURL(/\/replays\/[0-9a-f-]{36}$/);
    const progress = page.getByRole('region', { name: 'Progress' });
    await progress.getByText('completed').waitFor({ timeout: 20_000 });
    await expect(progress.getByRole('progressbar', { name: 'Events replayed' }).getAttribute('aria-valuenow')).resolves.toBe('3');
    await expect(progress.getByLabel('Runs', { exact: true }).textContent()).resolves.toMatch(/succeeded 3/);
    const runs = page.getByRole('region', { name: 'Replayed runs' });
    await runs.getByRole('row').nth(3).waitFor();
    await page.screenshot({ path: 'test-results/replay-progress.png', fullPage: true });

    const row = runs.getByRole('row').nth(1);
    const originalId = (await row.getByRole('cell').nth(5).textContent())!.trim();
    await row.getByRole('link', { name: /Replayed run/ }).click();
    await page.waitForURL(/\/workflows\/.+\/runs\//);
    const replayedUrl = page.url();
    await page.getByText('replay of').waitFor();
    await page.screenshot({ path: 'test-results/replay-run.png' });
    await page.getByRole('link', { name: originalId }).click();
    await page.waitForURL((url) => url.toString() !== replayedUrl && url.pathname.includes('/runs/'));
    await page.getByTestId('run-status').getByText('succeeded').waitFor();
    const [original] = (await ctx.services.database.pool.query('select id from runs where id::text like $1 and replay_of is null', [`${originalId}%`])).rows;
    expect(page.url()).toContain(original.id);
    await page.screenshot({ path: 'test-results/replay-original-run.png' });
  });

  it('runs a shadow replay of an edited workflow and shows its per-node diff', async () => {
    const edited = transformWorkflow('Price orders', 'order.placed', '{ "total": event.data.total, "vat": event.data.total / 5 }');
    expect((await callApi('PUT', `/api/workflows/${workflowId}`, { body: edited })).status).toBe(200);
    await page.goto(`${web.url}/replays`);
    await page.getByRole('button', { name: 'New replay…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay events' });
    await dialog.getByLabel('Only these:').check();
    await dialog.getByLabel(/^Price orders/).check();
    await dialog.getByLabel(/^Draft \(shadow\)/).check();
    await dialog.getByLabel('Type pattern').fill('order.placed');
    await dialog.getByRole('button', { name: 'Count' }).click();
    await expect(dialog.getByRole('status', { name: 'Estimate' }).textContent()).resolves.toMatch(/3\s*events → 3 shadow runs/);
    await dialog.getByRole('button', { name: 'Start shadow replay' }).click();

    await page.waitForURL(/\/replays\/[0-9a-f-]{36}$/);
    await page.getByRole('region', { name: 'Progress' }).getByText('completed').waitFor({ timeout: 20_000 });
    const perNode = page.getByRole('table', { name: 'Per node' });
    const shape = perNode.getByRole('row').filter({ hasText: 'shape' });
    await shape.waitFor();
    await expect(shape.getByRole('cell').allTextContents()).resolves.toEqual([expect.any(String), 'shape', '0', '3', '0', '0']);
    await expect(perNode.getByRole('row').filter({ hasText: 'start' }).getByRole('cell').nth(2).textContent()).resolves.toBe('3');
    await expect(page.getByRole('list', { name: 'Diff of shape' }).first().textContent()).resolves.toMatch(/\$\.output\.vat added/);
    await page.screenshot({ path: 'test-results/shadow-diff.png', fullPage: true });
  });

  it('re-sends one event to a workflow from the event\'s page', async () => {
    const [event] = (await ctx.services.database.pool.query(`select seq from events where id = 'ord-2'`)).rows;
    await page.goto(`${web.url}/events/${event.seq}`);
    await page.getByRole('button', { name: 'Re-send…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-send this event' });
    await dialog.getByLabel('Workflow').selectOption({ label: 'Price orders' });
    await dialog.getByRole('button', { name: 'Re-send' }).click();
    await page.waitForURL(/\/workflows\/.+\/runs\//);
    await page.getByText('replay of').waitFor();
    const runId = page.url().split('/runs/')[1];
    const [run] = (await ctx.services.database.pool.query('select r.event_seq, p.kind from runs r join replays p on p.id = r.replay_id where r.id = $1', [runId])).rows;
    expect(run).toEqual({ event_seq: event.seq, kind: 'resend' });
  });

  it('shows what was known about a subject as of a moment', async () => {
    await page.goto(`${web.url}/subjects?subject=ord-1`);
    const state = page.getByRole('region', { name: 'State' });
    await state.getByText('"paid"').waitFor();
    await expect(page.getByRole('region', { name: 'History' }).getByRole('row').count()).resolves.toBe(3);
    await page.screenshot({ path: 'test-results/subject-history.png', fullPage: true });
  });
});
