import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkflows } from '@/lib/demo/workflows';
import { callApi } from '../setup/api';
import { waitFor } from '../setup/wait';
import { openEditor } from './editor-helpers';
import { at, createActive, liveShot, recorded, recordStatuses, send, statusOf } from './live-helpers';
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

describe('live on the editor', () => {
  it('shows a run going through a delay on the canvas: running, then waiting, then succeeded, without reloading', async () => {
    const workflowId = await createActive({
      name: 'Wait a moment',
      nodes: [
        { id: 'start', type: 'trigger.event', position: at(0), config: { eventType: 'live.delay' } },
        { id: 'pause', type: 'delay', position: at(1), config: { duration: '2s' } },
        { id: 'after', type: 'transform', position: at(2), config: { expression: '"done"' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'pause' }, { id: 'e2', source: 'pause', target: 'after' }],
    });
    await openEditor(page, `${web.url}/workflows/${workflowId}`);
    await page.getByRole('region', { name: 'Live run' }).getByText('No runs yet').waitFor();
    await page.getByRole('region', { name: 'Live run' }).getByText('Live', { exact: true }).waitFor();
    await recordStatuses(page);

    await send('live.delay', {});
    await waitFor(async () => (await statusOf(page, 'pause')) === 'waiting', { what: 'pause to wait on screen' });
    await liveShot(page, 'editor-1-waiting');
    await waitFor(async () => (await statusOf(page, 'after')) === 'succeeded', { what: 'the run to end on screen', timeoutMs: 15_000 });
    await page.getByTestId('live-run-status').getByText('succeeded').waitFor();
    await liveShot(page, 'editor-2-succeeded');

    const pause = (await recorded(page)).filter((r) => r.node === 'pause').map((r) => r.status);
    // A delay is "running" for only a moment; on a loaded machine the page may attach to the run after
    // it. Waiting and succeeded must both show, in order, and running, when seen, before them.
    const seen = ['running', 'waiting', 'succeeded'].map((s) => pause.indexOf(s)).filter((i, k) => k > 0 || i >= 0);
    expect(pause.includes('waiting') && pause.includes('succeeded'), `pause went through ${pause.join(' > ')}`).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // the run can be opened from the bar; a second event's run takes over the canvas
    await send('live.delay', {});
    await waitFor(async () => (await statusOf(page, 'pause')) === 'waiting', { what: 'the second run to show' });
    const options = await page.getByLabel('Run shown on the canvas').locator('option').count();
    expect(options).toBe(3);
  });
});

describe('the events page', () => {
  it('tails the log live and shows the causal chain of a demo order: its workflows and its events', async () => {
    const names: string[] = [];
    for (const doc of demoWorkflows(mock.url, { waitTimeout: '5s' })) {
      await createActive(doc);
      names.push(doc.name);
    }
    await page.goto(`${web.url}/events?type=order.**`);
    await page.getByRole('toolbar', { name: 'Events' }).getByText('Live', { exact: true }).waitFor();
    const placed = await send('order.placed', { orderId: 'ord-live', total: 40, items: [{ sku: 'SKU-1', qty: 1 }] }, { subject: 'ord-live', source: '/shop', id: 'ord-live' });
    await page.locator(`[data-seq="${placed.seq}"]`).waitFor({ timeout: 15_000 });
    const fulfilled = page.getByRole('list', { name: 'Event log' }).getByText('order.fulfilled');
    await fulfilled.waitFor({ timeout: 20_000 });
    await liveShot(page, 'events-1-tail');

    // pausing holds new events back until resumed
    await page.getByRole('button', { name: 'Pause' }).click();
    const later = await send('order.note', { note: 'while paused' }, { subject: 'ord-live' });
    await page.getByRole('button', { name: /Resume \(1 new\)/ }).waitFor({ timeout: 10_000 });
    await expect(page.locator(`[data-seq="${later.seq}"]`).count()).resolves.toBe(0);
    await page.getByRole('button', { name: /Resume/ }).click();
    await page.locator(`[data-seq="${later.seq}"]`).waitFor();

    const runs = await waitFor(async () => {
      const { body } = await callApi('GET', '/api/runs?eventId=ord-live&eventSource=/shop');
      return body.items.length === 4 && body.items.every((r: { status: string }) => r.status === 'succeeded') ? body.items : undefined;
    }, { what: 'the four runs of the order to succeed', timeoutMs: 20_000 });
    await page.locator(`[data-seq="${placed.seq}"]`).click();
    await page.waitForURL(new RegExp(`/events/${placed.seq}$`));
    const chain = page.getByTestId('causal-chain');
    await chain.locator('.react-flow__node').first().waitFor();
    for (const r of runs) await chain.getByTestId(`chain-run-${r.id}`).waitFor();
    const shownNames = await chain.locator('[data-testid^="chain-run-"]').allInnerTexts();
    for (const name of ['Reserve inventory', 'Capture payment', 'Prepare shipping', 'Fulfil order']) {
      expect(shownNames.some((t) => t.includes(name)), `${name} in the chain`).toBe(true);
    }
    const eventTexts = (await chain.locator('[data-testid^="chain-event-"]').allInnerTexts()).join('\n');
    for (const type of ['order.placed', 'inventory.reserved', 'payment.captured', 'shipping.prepared', 'order.fulfilled']) {
      expect(eventTexts).toContain(type);
    }
    // the fulfilment run was started by the order and resumed by the three events it waited for
    await expect(chain.locator('.react-flow__edge').count()).resolves.toBeGreaterThanOrEqual(4 + 4 + 3);
    await liveShot(page, 'events-2-causal-chain');
    expect(names).toContain('Fulfil order');
  });
});
