import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { launchBrowser } from '../setup/browser';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { startWebServer } from '../setup/web-server';
import { signedInPage } from './editor-helpers';
import { at, createActive, liveShot, send, statusOf } from './live-helpers';

let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let page: Page;
let service: http.Server;
let serviceUp = false;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  service = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(serviceUp ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(serviceUp ? { charged: true } : { error: 'payment service is down' }));
    });
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  await ctx.startWorker();
  web = await startWebServer(ctx.env);
  browser = await launchBrowser();
  page = await signedInPage(browser, ctx, web.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.process.stop();
  await ctx?.close();
  await new Promise((resolve) => service?.close(resolve));
});

const runsOf = async (workflowId: string) => (await callApi('GET', `/api/runs?workflowId=${workflowId}`)).body.items as { id: string; status: string }[];

describe('the run page', () => {
  it('shows a failed run with its error in the inspector, retries it and watches it succeed without reloading', async () => {
    const url = `http://127.0.0.1:${(service.address() as AddressInfo).port}/charge`;
    const workflowId = await createActive({
      name: 'Charge card',
      nodes: [
        { id: 'placed', type: 'trigger.event', position: at(0), config: { eventType: 'live.charge' } },
        { id: 'charge', type: 'http', position: at(1), config: { method: 'POST', url, body: '{{ event.data }}' } },
        { id: 'done', type: 'transform', position: at(2), config: { expression: 'steps.charge.body' } },
      ],
      edges: [{ id: 'e1', source: 'placed', target: 'charge' }, { id: 'e2', source: 'charge', target: 'done' }],
    });
    await send('live.charge', { amount: 12 });
    const [run] = await waitFor(async () => {
      const items = await runsOf(workflowId);
      return items[0]?.status === 'failed' ? items : undefined;
    }, { what: 'the run to fail' });

    // the runs list, filtered to failed runs, leads to it
    await page.goto(`${web.url}/runs?status=failed`);
    await page.locator(`tr[data-run="${run.id}"]`).getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/runs/${run.id}$`));
    await page.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
    await expect(statusOf(page, 'charge')).resolves.toBe('failed');
    await expect(statusOf(page, 'done')).resolves.toBe(null);
    await page.getByTestId('node-charge').click();
    const inspector = page.getByTestId('step-inspector');
    await inspector.getByText(/answered HTTP 503/).waitFor();
    await inspector.getByText('"error": "payment service is down"').first().waitFor();
    await expect(inspector.getByTestId('step-attempts').textContent()).resolves.toBe('1');
    await liveShot(page, 'run-1-failed');

    await page.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true; });
    serviceUp = true;
    await page.getByRole('button', { name: 'Retry from failure' }).click();
    await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 20_000 });
    await waitFor(async () => (await statusOf(page, 'done')) === 'succeeded', { what: 'done to light up' });
    await expect(statusOf(page, 'charge')).resolves.toBe('succeeded');
    await inspector.getByText('"charged": true').first().waitFor();
    await expect(inspector.getByTestId('step-attempts').textContent()).resolves.toBe('2');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(page.getByRole('button', { name: 'Retry from failure' }).count()).resolves.toBe(0);
    await liveShot(page, 'run-2-retried');
  });

  it('scrubs back to the middle of a run and shows the nodes as they were then, stepping change by change', async () => {
    const workflowId = await createActive({
      name: 'Scrub me',
      nodes: [
        { id: 'start', type: 'trigger.event', position: at(0), config: { eventType: 'live.scrub' } },
        { id: 'prepare', type: 'transform', position: at(1), config: { expression: 'event.data.n' } },
        { id: 'pause', type: 'delay', position: at(2), config: { duration: '1500ms' } },
        { id: 'finish', type: 'transform', position: at(3), config: { expression: 'steps.prepare + 1' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'prepare' },
        { id: 'e2', source: 'prepare', target: 'pause' },
        { id: 'e3', source: 'pause', target: 'finish' },
      ],
    });
    await send('live.scrub', { n: 1 });
    const [run] = await waitFor(async () => {
      const items = await runsOf(workflowId);
      return items[0]?.status === 'succeeded' ? items : undefined;
    }, { what: 'the run to succeed' });
    await page.goto(`${web.url}/workflows/${workflowId}/runs/${run.id}`);
    await page.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-taken]').getAttribute('data-taken')).toBe('e1 e2 e3');

    // half way through the run, the delay is waiting: its predecessors are done, its successor not reached
    const slider = page.getByRole('slider', { name: 'Time in the run' });
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.locator('[data-scrubbing="true"]').waitFor();
    await waitFor(async () => (await statusOf(page, 'pause')) === 'waiting', { what: 'pause to show waiting at the middle' });
    expect(await Promise.all(['start', 'prepare', 'pause', 'finish'].map((id) => statusOf(page, id))))
      .toEqual(['succeeded', 'succeeded', 'waiting', null]);
    expect(await page.locator('[data-taken]').getAttribute('data-taken')).toBe('e1 e2');
    await liveShot(page, 'run-3-scrubbed-middle');

    // step forward change by change: the delay ends, then finish runs and succeeds
    const seen: (string | null)[] = [];
    for (let i = 0; i < 6 && (await statusOf(page, 'finish')) !== 'succeeded'; i++) {
      await page.getByRole('button', { name: 'Next change' }).click();
      seen.push(await statusOf(page, 'finish'));
    }
    expect(seen[seen.length - 1]).toBe('succeeded');
    await expect(statusOf(page, 'pause')).resolves.toBe('succeeded');
    await page.getByRole('button', { name: 'Back to live' }).click();
    await page.getByTestId('scrub-time').getByText('Live').waitFor();
    await liveShot(page, 'run-4-stepped-to-end');
  });
});
