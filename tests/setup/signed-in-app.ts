import type { Browser, Page } from 'playwright-core';
import { startMockService } from '../../lib/demo/mock-service';
import { signedInPage } from '../e2e/editor-helpers';
import { launchBrowser } from './browser';
import { createTestContext, type TestContext } from './context';
import { startWebServer } from './web-server';

export interface SignedInApp {
  ctx: TestContext;
  web: Awaited<ReturnType<typeof startWebServer>>;
  mock?: Awaited<ReturnType<typeof startMockService>>;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * The real app for a browser test: its own database and queues, the web server, Chromium with a page
 * signed in as an admin; with `withWorker`, a worker and the demo's mock services on loopback.
 */
export async function startSignedInApp(opts: { withWorker?: boolean } = {}): Promise<SignedInApp> {
  const ctx = await createTestContext(opts.withWorker ? { CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' } : {});
  let mock: SignedInApp['mock'];
  let web: SignedInApp['web'] | undefined;
  let browser: Browser | undefined;
  let page: Page;
  try {
    mock = opts.withWorker ? await startMockService() : undefined;
    if (opts.withWorker) await ctx.startWorker();
    web = await startWebServer(ctx.env);
    browser = await launchBrowser();
    page = await signedInPage(browser, ctx, web.url);
  } catch (err) {
    // a half-started app (no Chromium, a build that failed) must not leave a next-server behind
    await browser?.close();
    await web?.process.stop();
    await ctx.close();
    await mock?.stop();
    throw err;
  }
  return {
    ctx, web, mock, browser, page,
    async close() {
      await browser.close();
      await web.process.stop();
      await ctx.close();
      await mock?.stop();
    },
  };
}
