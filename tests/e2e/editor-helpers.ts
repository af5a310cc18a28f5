/** What the editor's browser tests do the way a person would: drag, click, type, connect. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { SESSION_COOKIE } from '@/lib/auth/cookies';
import type { Role } from '@/lib/auth/roles';
import { createSession } from '@/lib/auth/sessions';
import { hasUsers, insertUser } from '@/lib/auth/users';
import type { TestContext } from '../setup/context';

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

export async function shot(page: Page, name: string): Promise<void> {
  await fs.mkdir('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/editor-${name}.png` });
}

/** Opens the editor and waits until the canvas has drawn its nodes. */
export async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
}

/** Drags a node type from the palette onto the canvas at (x, y) of the canvas; returns its card. */
export async function dropNode(page: Page, label: string, at: { x: number; y: number }, newId: string): Promise<Locator> {
  const before = new Set(await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))));
  await page.getByRole('button', { name: label, exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
  const added = page.locator('.react-flow__node.selected');
  await added.waitFor();
  const id = await added.getAttribute('data-id');
  if (!id || before.has(id)) throw new Error(`dropping ${label} added no node`);
  await page.locator('#node-id').fill(newId);
  await page.locator('#node-id').press('Enter');
  await node(page, newId).waitFor();
  return node(page, newId);
}

/** Drags from an output handle of one node to the input of another. */
export async function connect(page: Page, from: string, handle: string, to: string): Promise<void> {
  const source = await node(page, from).locator(`.react-flow__handle.source[data-handleid="${handle}"]`).boundingBox();
  const target = await node(page, to).locator('.react-flow__handle.target').boundingBox();
  if (!source || !target) throw new Error(`cannot see the handles of ${from}.${handle} and ${to}`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Clicks on empty canvas, so keyboard shortcuts go to the canvas and nothing is selected. */
export async function clickCanvas(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
}

export async function nodeIds(page: Page): Promise<string[]> {
  return (await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))).sort();
}

/** Waits until the toolbar says the draft is saved. */
export async function saved(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });
}

/** Fits the whole graph in view and waits for the animation to end. */
export async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit View', exact: true }).click();
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  let last = '';
  for (let stable = 0; stable < 3; ) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const now = await transform();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

/**
 * A browser page signed in as a fresh user (an admin unless said): the user and a session are
 * made in the test's database and the session cookie is handed to the browser, as signing in would.
 */
export async function signedInPage(browser: Browser, ctx: TestContext, baseUrl: string, role: Role = 'admin'): Promise<Page> {
  const db = ctx.services.database.db;
  const owner = !(await hasUsers(db));
  const user = await insertUser(db, {
    email: `editor-${randomBytes(4).toString('hex')}@example.test`, name: 'Editor test', passwordHash: 'not-used', role, isOwner: owner,
  });
  const { token } = await createSession(db, user.id);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}
