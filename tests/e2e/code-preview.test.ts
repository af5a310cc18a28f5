/**
 * The code node's inspector in the browser: a code step is added to a workflow that has run
 * once, the code is typed into the JavaScript editor (with completion of the sample event's fields
 * and earlier steps' outputs), and "Run with the last event" shows what a worker made of it: the
 * value and console lines, a thrown error with its position, and a time limit stop.
 */
import fs from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { launchBrowser } from '../setup/browser';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { startWebServer } from '../setup/web-server';
import { connect, dropNode, node, openEditor, saved, signedInPage } from './editor-helpers';

let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let page: Page;
let workflowId: string;

async function shot(name: string): Promise<void> {
  await fs.mkdir('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/code-preview-${name}.png` });
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
  const created = await callApi('POST', '/api/workflows', {
    body: {
      name: 'Order totals',
      nodes: [
        { id: 'placed', type: 'trigger.event', position: { x: 80, y: 200 }, config: { eventType: 'shop.order.placed' } },
        { id: 'shape', type: 'transform', position: { x: 380, y: 200 }, config: { expression: '{ "count": $count(event.data.items) }' } },
      ],
      edges: [{ id: 'e1', source: 'placed', target: 'shape' }],
    },
  });
  workflowId = created.body.id;
  expect((await callApi('POST', `/api/workflows/${workflowId}/activate`)).status).toBe(200);
  const data = { orderId: 'o-7', total: 42, items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 3 }] };
  expect((await callApi('POST', '/api/events', { body: { type: 'shop.order.placed', data } })).status).toBe(202);
  await waitFor(async () => (await callApi('GET', `/api/runs?workflowId=${workflowId}&status=succeeded`)).body.items?.length > 0, { what: 'the first run' });
  web = await startWebServer(ctx.env);
  browser = await launchBrowser();
  page = await signedInPage(browser, ctx, web.url, 'editor');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.process.stop();
  await ctx?.close();
});

const editor = () => page.getByRole('textbox', { name: 'Code', exact: true });
const result = () => page.getByRole('status', { name: 'Run result' });

/** Replaces the whole source, as select-all and typing would. */
async function setSource(box: Locator, source: string): Promise<void> {
  await box.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(source);
}

describe('the code inspector', () => {
  it('completes sample fields, runs the code on a worker and shows the value, the logs, an error and a time limit stop', async () => {
    await openEditor(page, `${web.url}/workflows/${workflowId}`);
    await node(page, 'shape').click();
    await dropNode(page, 'Code', { x: 420, y: 420 }, 'calc');
    await connect(page, 'shape', 'out', 'calc');
    await node(page, 'calc').click();
    await expect(editor().textContent()).resolves.toContain('return {};');
    // the inspector names the event it will run against (and completes from)
    await page.getByTestId('code-sample').filter({ hasText: /with shop\.order\.placed #\d+/ }).waitFor();

    // completion: the sample event's data fields, and the outputs of the step before it
    await setSource(editor(), 'const id = ');
    await page.keyboard.type('event.data.');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.filter({ hasText: 'orderId' }).waitFor();
    await expect(options.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('total'), expect.stringContaining('items')]));
    await page.keyboard.press('Escape');
    await setSource(editor(), 'const n = ');
    await page.keyboard.type('steps.');
    await options.filter({ hasText: 'shape' }).waitFor();
    await page.keyboard.press('Escape');

    await setSource(editor(), [
      'const total = event.data.total;',
      'console.log("order", event.data.orderId, "has", steps.shape.count, "items");',
      'console.warn("big order");',
      'return { orderId: event.data.orderId, doubled: total * 2 };',
    ].join('\n'));
    await saved(page);
    await page.getByRole('button', { name: 'Run with the last event' }).click();
    await result().filter({ hasText: '"doubled": 84' }).waitFor({ timeout: 20_000 });
    const shown = await result().textContent();
    expect(shown).toContain('shop.order.placed #');
    expect(shown).toContain('"orderId": "o-7"');
    await expect(result().getByRole('list', { name: 'Console output' }).locator('li').allTextContents())
      .resolves.toEqual(['logorder o-7 has 2 items', 'warnbig order']);
    await shot('1-value');

    // an error: the message, its position (which moves the cursor there), the line marked
    await setSource(editor(), 'const x = event.data.total;\nif (x > 10) {\n  throw new Error("too much: " + x);\n}');
    await page.keyboard.press('ControlOrMeta+Enter');
    await result().filter({ hasText: 'The code threw an error' }).waitFor({ timeout: 20_000 });
    await expect(result().textContent()).resolves.toContain('Error: too much: 42 (line 3, column');
    await expect(page.locator('.cm-errorLine').count()).resolves.toBe(1);
    await expect(page.locator('.cm-errorLine').textContent()).resolves.toContain('throw new Error');
    await result().getByRole('button', { name: /^Go to line 3/ }).click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Code');
    await shot('2-error');

    // the time limit: set in the form, honoured by the worker's sandbox, named in the answer
    await page.getByLabel('Time limit (ms)').fill('150');
    await setSource(editor(), 'let spins = 0;\nwhile (true) { spins++; }');
    await page.getByRole('button', { name: 'Run with the last event' }).click();
    await result().filter({ hasText: 'Stopped by the time limit (150 ms)' }).waitFor({ timeout: 20_000 });
    await expect(result().textContent()).resolves.toContain('time limit of 150 ms exceeded');
    await shot('3-time-limit');
  });
});
