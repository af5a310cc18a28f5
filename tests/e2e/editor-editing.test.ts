import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkflows } from '@/lib/demo/workflows';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { callApi } from '../setup/api';
import type { TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { clickCanvas, node, nodeIds, openEditor, saved, shot, signedInPage } from './editor-helpers';
import { startSignedInApp, type SignedInApp } from '../setup/signed-in-app';

const demo = (name: string) => demoWorkflows('http://127.0.0.1:9').find((w) => w.name === name)!;
const documentOf = (w: WorkflowDocument) => ({
  name: w.name, ...(w.description !== undefined && { description: w.description }), nodes: w.nodes, edges: w.edges,
});

async function create(doc: WorkflowDocument): Promise<string> {
  const { status, body } = await callApi('POST', '/api/workflows', { body: doc });
  expect(status).toBe(201);
  return body.id;
}

async function stored(id: string): Promise<WorkflowDocument> {
  return documentOf((await callApi('GET', `/api/workflows/${id}`)).body);
}

let app: SignedInApp;
let ctx: TestContext;
let web: SignedInApp['web'];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startSignedInApp();
  ({ ctx, web, browser, page } = app);
}, 300_000);

afterAll(async () => app?.close());

describe('editing in the editor', () => {
  it('undoes and redoes a deletion and an edit, from the keyboard and the toolbar', async () => {
    const original = demo('Capture payment');
    const id = await create(original);
    await openEditor(page, `${web.url}/workflows/${id}`);

    await node(page, 'declined').click();
    await page.keyboard.press('Delete');
    await waitFor(async () => !(await nodeIds(page)).includes('declined'), { what: 'the node to go' });
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
    await shot(page, 'editing-1-deleted');

    await page.keyboard.press('Control+z');
    await node(page, 'declined').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(3);
    await page.keyboard.press('Control+y');
    await waitFor(async () => !(await nodeIds(page)).includes('declined'), { what: 'redo to delete it again' });
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await node(page, 'declined').waitFor();

    await node(page, 'charge').click();
    await page.getByLabel('URL').fill('https://elsewhere.test/pay');
    await expect(page.getByTestId('node-charge').textContent()).resolves.toContain('elsewhere.test/pay');
    await clickCanvas(page);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('node-charge').textContent()).resolves.toContain('127.0.0.1:9/payments/charge');
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect(page.getByTestId('node-charge').textContent()).resolves.toContain('elsewhere.test/pay');
    await page.keyboard.press('Control+z');
    await saved(page);
    await shot(page, 'editing-2-undone');
    expect(await stored(id)).toEqual(original);
  });

  it('copies nodes and pastes them into the same workflow and into another one', async () => {
    const id = await create(demo('Capture payment'));
    const otherId = await create({ name: 'Another workflow', nodes: [], edges: [] });
    await openEditor(page, `${web.url}/workflows/${id}`);

    await node(page, 'charge').click();
    await node(page, 'captured').click({ modifiers: ['Control'] });
    await expect(page.locator('.react-flow__node.selected').count()).resolves.toBe(2);
    await page.keyboard.press('Control+c');
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.move(pane.x + 120, pane.y + pane.height - 220);
    await page.keyboard.press('Control+v');
    await node(page, 'charge_2').waitFor();
    expect(await nodeIds(page)).toEqual(['captured', 'captured_2', 'charge', 'charge_2', 'declined', 'placed']);
    await saved(page);
    const here = await stored(id);
    expect(here.edges.filter((e) => e.source === 'charge_2').map((e) => e.target)).toEqual(['captured_2']);
    // the pasted emit refers to the pasted http step, not the original
    expect(here.nodes.find((n) => n.id === 'captured_2')?.config.data).toContain('steps.charge_2.body');
    await shot(page, 'editing-3-pasted');

    await openEditor(page, `${web.url}/workflows/${otherId}`);
    await clickCanvas(page);
    await page.keyboard.press('Control+v');
    await node(page, 'charge').waitFor();
    expect(await nodeIds(page)).toEqual(['captured', 'charge']);
    await saved(page);
    await shot(page, 'editing-4-pasted-elsewhere');
    const other = await stored(otherId);
    const source = demo('Capture payment');
    expect(other.nodes.map(({ position: _p, ...n }) => n)).toEqual(
      source.nodes.filter((n) => n.id === 'charge' || n.id === 'captured').map(({ position: _p, ...n }) => n));
    expect(other.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['charge>captured']);
  });

  it('adds a node by keyboard after the selected one, and nudges it with the arrows', async () => {
    const id = await create(demo('Capture payment'));
    await openEditor(page, `${web.url}/workflows/${id}`);
    await node(page, 'captured').click();
    await page.keyboard.press('/');
    const quickAdd = page.getByRole('dialog', { name: 'Add a node' });
    await quickAdd.getByRole('combobox').fill('dela');
    await quickAdd.getByText('It will follow').waitFor();
    await page.keyboard.press('Enter');
    await node(page, 'delay').waitFor();
    await expect(page.locator('.react-flow__node.selected').getAttribute('data-id')).resolves.toBe('delay');
    await clickCanvas(page);
    await node(page, 'delay').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await saved(page);
    const doc = await stored(id);
    const added = doc.nodes.find((n) => n.id === 'delay')!;
    const from = doc.nodes.find((n) => n.id === 'captured')!;
    expect(added).toMatchObject({ type: 'delay', config: { duration: '1m' } });
    expect(added.position).toEqual({ x: from.position.x + 300 + 40, y: from.position.y + 10 });
    expect(doc.edges.filter((e) => e.target === 'delay').map((e) => e.source)).toEqual(['captured']);
    await shot(page, 'editing-5-quick-add');
  });

  it('opens an old version read-only and restores it as the draft', async () => {
    const first = demo('Capture payment');
    const id = await create(first);
    expect((await callApi('POST', `/api/workflows/${id}/activate`)).status).toBe(200);
    const second = { ...first, nodes: first.nodes.filter((n) => n.id !== 'declined'), edges: first.edges.filter((e) => e.target !== 'declined') };
    expect((await callApi('PUT', `/api/workflows/${id}`, { body: second })).status).toBe(200);
    expect((await callApi('POST', `/api/workflows/${id}/activate`)).status).toBe(200);

    await openEditor(page, `${web.url}/workflows/${id}`);
    await page.getByText('Active · v2').waitFor();
    expect(await nodeIds(page)).not.toContain('declined');
    await page.getByRole('button', { name: 'Version history' }).click();
    const history = page.getByRole('dialog', { name: 'Version history' });
    await history.getByText('Version 1').waitFor();
    await history.getByRole('listitem').filter({ hasText: 'Version 1' }).getByRole('button', { name: 'Open' }).click();
    await page.getByText('— read-only').waitFor();
    await node(page, 'declined').waitFor();
    await expect(page.getByRole('button', { name: 'Emit event', exact: true }).isDisabled()).resolves.toBe(true);
    await node(page, 'charge').click();
    await expect(page.getByLabel('URL').getAttribute('readonly')).resolves.not.toBeNull();
    await shot(page, 'editing-6-old-version');

    await page.getByRole('button', { name: 'Restore as draft' }).click();
    await page.getByText('Unpublished changes').waitFor();
    await saved(page);
    expect(await stored(id)).toEqual(first);
  });

  it('imports a workflow file and exports the very same document', async () => {
    const original = demo('Fulfil order');
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'editor-import-')), 'fulfil-order.json');
    await fs.writeFile(file, JSON.stringify(original, null, 2));

    await page.goto(`${web.url}/workflows`);
    await page.getByLabel('Workflow file').setInputFiles(file);
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    await page.locator('[data-ready="true"]').waitFor();
    expect(await nodeIds(page)).toEqual(original.nodes.map((n) => n.id).sort());
    await shot(page, 'editing-7-imported');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toBe('fulfil-order.json');
    expect(JSON.parse(await fs.readFile((await download.path())!, 'utf8'))).toStrictEqual(original);

    await page.goto(`${web.url}/workflows`);
    const [fromList] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Fulfil order' }).click()]);
    expect(JSON.parse(await fs.readFile((await fromList.path())!, 'utf8'))).toStrictEqual(original);

    await page.getByRole('button', { name: 'Duplicate Fulfil order' }).click();
    await page.getByRole('link', { name: 'Fulfil order (copy)' }).waitFor();
    await shot(page, 'editing-8-list');
    await page.getByRole('button', { name: 'Delete Fulfil order (copy)' }).click();
    await page.getByRole('dialog', { name: 'Delete workflow?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await waitFor(async () => (await page.getByRole('link', { name: 'Fulfil order (copy)' }).count()) === 0, { what: 'the copy to go' });
    const names = (await callApi('GET', '/api/workflows')).body.items.map((w: { name: string }) => w.name);
    expect(names.filter((n: string) => n.startsWith('Fulfil order'))).toEqual(['Fulfil order']);
  });

  it('lays the graph out automatically, and undo puts every node back', async () => {
    const original = demo('Fulfil order');
    const id = await create(original);
    await openEditor(page, `${web.url}/workflows/${id}`);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.getByText('Unsaved').waitFor();
    await saved(page);
    const laid = await stored(id);
    expect(laid.nodes.map((n) => n.position)).not.toEqual(original.nodes.map((n) => n.position));
    const boxes = laid.nodes.map((n) => ({ id: n.id, ...n.position }));
    for (const a of boxes) for (const b of boxes) {
      if (a.id < b.id) expect(Math.abs(a.x - b.x) >= 220 || Math.abs(a.y - b.y) >= 76, `${a.id} and ${b.id} overlap`).toBe(true);
    }
    await shot(page, 'editing-9-auto-layout');
    await clickCanvas(page);
    await page.keyboard.press('Control+z');
    await saved(page);
    expect(await stored(id)).toEqual(original);
  });

  it('shows a viewer the workflow without any way to change it', async () => {
    const id = await create(demo('Capture payment'));
    const viewer = await signedInPage(browser, ctx, web.url, 'viewer');
    await openEditor(viewer, `${web.url}/workflows/${id}`);
    await viewer.getByText('View only').waitFor();
    for (const name of ['Save', 'Activate', 'Test', 'Undo', 'Import']) {
      await expect(viewer.getByRole('button', { name, exact: true }).count(), name).resolves.toBe(0);
    }
    await expect(viewer.getByRole('button', { name: 'HTTP request', exact: true }).isDisabled()).resolves.toBe(true);
    await node(viewer, 'charge').click();
    await expect(viewer.getByLabel('URL').getAttribute('readonly')).resolves.not.toBeNull();
    await viewer.keyboard.press('Delete');
    expect(await nodeIds(viewer)).toContain('charge');
    await shot(viewer, 'editing-10-viewer');
    await viewer.goto(`${web.url}/workflows`);
    await viewer.getByRole('link', { name: 'Capture payment' }).first().waitFor();
    await expect(viewer.getByRole('button', { name: 'New workflow' }).count()).resolves.toBe(0);
    await viewer.context().close();
  });

  it('keeps what was typed just before a reload', async () => {
    const id = await create(demo('Capture payment'));
    await openEditor(page, `${web.url}/workflows/${id}`);
    await node(page, 'captured').click();
    await page.getByLabel('Subject').fill('{{ event.data.orderId }}-typed');
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    await node(page, 'captured').click();
    await expect.poll(() => page.getByLabel('Subject').inputValue()).toBe('{{ event.data.orderId }}-typed');
    await waitFor(async () => (await stored(id)).nodes.find((n) => n.id === 'captured')?.config.subject === '{{ event.data.orderId }}-typed',
      { what: 'the typed subject on the server' });
  });
});
