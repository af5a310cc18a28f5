import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockService } from '@/lib/demo/mock-service';
import { demoWorkflows } from '@/lib/demo/workflows';
import { signInBrowser } from '../setup/accounts';
import { launchBrowser } from '../setup/browser';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { startWebServer } from '../setup/web-server';
import { waitFor } from '../setup/wait';
import { callApi } from '../setup/api';

let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let mock: Awaited<ReturnType<typeof startMockService>>;
let browser: Browser;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  mock = await startMockService();
  for (const doc of demoWorkflows(mock.url, { waitTimeout: '3s' })) {
    const { body } = await callApi('POST', '/api/workflows', { body: doc });
    await callApi('POST', `/api/workflows/${body.id}/activate`);
  }
  await ctx.startWorker();
  web = await startWebServer(ctx.env);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.process.stop();
  await ctx?.close();
  await mock?.stop();
});

describe('the running app', () => {
  it('serves the API over HTTP with its routes, auth and error format', async () => {
    const denied = await fetch(`${web.url}/api/workflows`);
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.code).toBe('unauthorized');

    const sent = await fetch(`${web.url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'ce-specversion': '1.0', 'ce-id': 'http-1', 'ce-source': '/e2e', 'ce-type': 'ping.sent', 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(sent.status).toBe(202);
    const found = await fetch(`${web.url}/api/events/http-1?source=/e2e`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect((await found.json()).data).toEqual({ hello: 'world' });
  });

  it('sends demo orders from the button and shows them run to their outcome', async () => {
    const page = await browser.newPage();
    await signInBrowser(page, web.url, ctx);
    await page.goto(web.url);
    await expect(page.getByRole('cell', { name: 'Fulfil order' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Send 10 demo orders' }).click();
    await waitFor(async () => {
      await page.reload();
      const fulfilled = await page.getByRole('cell', { name: 'order.fulfilled' }).count();
      const cancelled = await page.getByRole('cell', { name: 'order.cancelled' }).count();
      return fulfilled >= 1 && cancelled >= 1;
    }, { timeoutMs: 30_000, intervalMs: 500, what: 'fulfilled and cancelled orders on the page' });
    await page.screenshot({ path: 'test-results/overview.png' });
    await page.close();
  });
});
