import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkflows } from '@/lib/demo/workflows';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { callApi } from '../setup/api';
import { waitFor } from '../setup/wait';
import { connect, dropNode, fitView, node, openEditor, shot } from './editor-helpers';
import { startSignedInApp, type SignedInApp } from '../setup/signed-in-app';

let app: SignedInApp;
let web: SignedInApp['web'];
let page: Page;
let mock: NonNullable<SignedInApp['mock']>;

beforeAll(async () => {
  app = await startSignedInApp({ withWorker: true });
  ({ web, page } = app);
  mock = app.mock!;
}, 300_000);

afterAll(async () => app?.close());

/** What a workflow does, without where its nodes are drawn or what its edges are called. */
function behaviour(doc: WorkflowDocument) {
  return {
    nodes: doc.nodes.map(({ position: _position, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id)),
    edges: doc.edges.map((e) => `${e.source}.${e.sourceHandle ?? 'out'}>${e.target}`).sort(),
  };
}

const problemsOf = (id: string) => page.getByTestId(`node-${id}`).getAttribute('aria-label');

describe('building the demo payment workflow in the editor', () => {
  it('draws it from an empty canvas, validates it live, activates it and runs a test event to its end', async () => {
    await page.goto(`${web.url}/workflows`);
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    const workflowId = page.url().split('/').pop()!;
    await openEditor(page, page.url());
    await page.getByText('Start with a trigger').waitFor();
    await shot(page, 'build-1-empty');

    await page.getByLabel('Workflow name').fill('Capture payment');
    await dropNode(page, 'Event trigger', { x: 120, y: 260 }, 'placed');
    await page.getByLabel('Event type', { exact: true }).fill('order.placed');

    // a new HTTP step has problems: no URL (twice: none, and not an http URL), and nothing leads to it
    await dropNode(page, 'HTTP request', { x: 380, y: 260 }, 'charge');
    await waitFor(async () => (await problemsOf('charge'))?.includes('3 problem'), { what: 'the problems of the new http node' });
    await expect(page.getByRole('alert').filter({ hasText: 'a URL is required' }).count()).resolves.toBe(1);
    await shot(page, 'build-2-problems');

    await page.getByLabel('Method').selectOption('POST');
    await page.getByLabel('URL').fill(`${mock.url}/payments/charge`);
    await page.getByRole('textbox', { name: 'Body' }).fill('{{ { "orderId": event.data.orderId, "amount": event.data.total } }}');
    await page.getByLabel('Retry failed attempts').check();
    await page.getByLabel('Attempts', { exact: true }).fill('4');
    await page.getByLabel('Backoff', { exact: true }).selectOption('exponential');
    await page.getByLabel('Delay', { exact: true }).fill('200ms');
    await page.getByLabel('On error').selectOption('branch');
    await waitFor(async () => (await problemsOf('charge'))?.includes('1 problem'), { what: 'the URL problem to clear' });

    await connect(page, 'placed', 'out', 'charge');
    await waitFor(async () => !(await problemsOf('charge'))?.includes('problem'), { what: 'the unreachable problem to clear' });

    await dropNode(page, 'Emit event', { x: 640, y: 170 }, 'captured');
    await page.getByLabel('Event type', { exact: true }).fill('payment.captured');
    await page.getByLabel('Subject').fill('{{ event.data.orderId }}');
    await page.getByRole('textbox', { name: 'Data' }).fill('{{ { "orderId": event.data.orderId, "chargeId": steps.charge.body.chargeId } }}');
    await dropNode(page, 'Emit event', { x: 640, y: 380 }, 'declined');
    await page.getByLabel('Event type', { exact: true }).fill('payment.failed');
    await page.getByLabel('Subject').fill('{{ event.data.orderId }}');
    await page.getByRole('textbox', { name: 'Data' }).fill('{{ { "orderId": event.data.orderId, "reason": steps.charge.error.message } }}');
    await connect(page, 'charge', 'out', 'captured');

    // activating with "declined" still unconnected is refused with the API's own list
    await page.getByRole('button', { name: 'Activate' }).click();
    const refused = page.getByRole('region', { name: 'Problems' });
    await refused.getByText(/Not activated: 1 problem/).waitFor();
    const shown = await refused.getByRole('listitem').allInnerTexts();
    const api = await callApi('POST', `/api/workflows/${workflowId}/activate`);
    expect(api.status).toBe(422);
    expect(shown.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual(
      api.body.error.details.problems.map((p: { nodeId: string; message: string }) => `${p.nodeId} ${p.message}`));
    await shot(page, 'build-3-refused');
    await refused.getByRole('button', { name: /declined/ }).click();
    await expect.poll(() => page.locator('#node-id').inputValue()).toBe('declined');
    await fitView(page);

    await connect(page, 'charge', 'error', 'declined');
    await page.getByText('No problems').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await shot(page, 'build-4-complete');

    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Active · v1').waitFor();

    const stored = await callApi('GET', `/api/workflows/${workflowId}`);
    const demo = demoWorkflows(mock.url).find((w) => w.name === 'Capture payment')!;
    expect(stored.body.name).toBe('Capture payment');
    expect(behaviour(stored.body)).toEqual(behaviour(demo));

    await page.getByRole('button', { name: 'Test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send a test event' });
    // the dialog fills its fields in an effect after it opens: read until it has
    await expect.poll(() => dialog.getByLabel('Event type').inputValue()).toBe('order.placed');
    await dialog.getByLabel('Data (JSON)').fill(JSON.stringify({ orderId: 'ord-editor', total: 30, items: [{ sku: 'A', qty: 1 }] }));
    await shot(page, 'build-5-test-event');
    await dialog.getByRole('button', { name: 'Send and open the run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 30_000 });
    const steps = Object.fromEntries(await Promise.all(['placed', 'charge', 'captured', 'declined'].map(async (id) =>
      [id, await node(page, id).locator('[data-status]').getAttribute('data-status')] as const)));
    expect(steps).toEqual({ placed: 'succeeded', charge: 'succeeded', captured: 'succeeded', declined: 'skipped' });
    await page.getByText('charge', { exact: true }).first().click();
    await page.getByText('"chargeId": "ch-ord-editor"').first().waitFor();
    await shot(page, 'build-6-run');

    const runId = page.url().split('/').pop()!;
    const run = await callApi('GET', `/api/runs/${runId}`);
    expect(run.body).toMatchObject({ workflowId, status: 'succeeded', event: { type: 'order.placed', data: { orderId: 'ord-editor' } } });

    // back in the editor, expressions preview against that event and the run's step outputs
    await page.getByRole('link', { name: 'Capture payment' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    await page.locator('[data-ready="true"]').waitFor();
    await node(page, 'captured').click();
    const preview = page.locator('[data-field="data"]').getByLabel('Preview');
    await preview.getByText('"chargeId": "ch-ord-editor"').waitFor();
    await expect(preview.textContent()).resolves.toContain('order.placed #');
    await node(page, 'charge').click();
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' event.data.');
    await page.getByRole('option', { name: /orderId/ }).waitFor();
    await expect(page.getByRole('option').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('items')]));
    await shot(page, 'build-7-preview-and-completion');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Inactive', { exact: true }).waitFor();
    expect((await callApi('GET', `/api/workflows/${workflowId}`)).body.active).toBe(false);
  });

});
