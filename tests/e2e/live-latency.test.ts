/**
 * Measures the delay between a step's state change in the worker and its appearance in the browser:
 * the worker stamps each change (`at`) when it publishes it; the page records, with the same host's
 * clock, when a node card's `data-status` changed. Delay steps of 200 ms make every `succeeded` a
 * change that coalescing does not hold back (nothing else changed on that node in the last 100 ms).
 * Writes test-results/live-latency.json; the bound below is loose (a shared 2-core machine).
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../setup/browser';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { HOST_SLACK_MS } from '../setup/timing';
import { waitFor } from '../setup/wait';
import { startWebServer } from '../setup/web-server';
import { readSse, type SseReader } from '../integration/live-stream-client';
import { openEditor, signedInPage } from './editor-helpers';
import { at, createActive, recorded, recordStatuses, send, statusOf } from './live-helpers';

const STEPS = 8;
const RUNS = 5;

let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let page: Page;
let stream: SseReader | undefined;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
  web = await startWebServer(ctx.env);
  browser = await launchBrowser();
  page = await signedInPage(browser, ctx, web.url);
}, 600_000);

afterAll(async () => {
  stream?.close();
  await browser?.close();
  await web?.process.stop();
  await ctx?.close();
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe('live latency', () => {
  it('shows a step state change in the browser soon after the worker made it', async () => {
    const ids = Array.from({ length: STEPS }, (_, i) => `d${i + 1}`);
    const workflowId = await createActive({
      name: 'Latency',
      nodes: [
        { id: 'start', type: 'trigger.event', position: at(0), config: { eventType: 'live.latency' } },
        ...ids.map((id, i) => ({ id, type: 'delay', position: at(i + 1), config: { duration: '200ms' } })),
      ],
      edges: ids.map((id, i) => ({ id: `e${i}`, source: i === 0 ? 'start' : ids[i - 1], target: id })),
    });
    const abort = new AbortController();
    const res = await fetch(`${web.url}/api/stream?workflowId=${workflowId}&type=step.updated`, { headers: { authorization: `Bearer ${TEST_API_KEY}` }, signal: abort.signal });
    stream = readSse(res.body!, abort);
    await stream.waitFor((m) => m.event === 'ready', 'the stream');
    await openEditor(page, `${web.url}/workflows/${workflowId}`);
    await page.getByRole('region', { name: 'Live run' }).getByText('Live', { exact: true }).waitFor();

    const samples: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      await recordStatuses(page);
      await send('live.latency', { r });
      const last = ids[ids.length - 1];
      const runId = (await stream.waitFor((m) => m.data.nodeId === 'start', 'the run start', 10_000)).data.runId;
      await waitFor(async () => stream!.messages.some((m) => m.data.runId === runId && m.data.nodeId === last && m.data.status === 'succeeded'), { what: `run ${r} to end`, timeoutMs: 20_000 });
      await waitFor(async () => (await statusOf(page, last)) === 'succeeded', { what: `run ${r} to end on screen` });
      const shown = await recorded(page);
      for (const id of ids.slice(1)) {
        const change = stream.messages.find((m) => m.data.runId === runId && m.data.nodeId === id && m.data.status === 'succeeded')!;
        const onScreen = shown.find((s) => s.node === id && s.status === 'succeeded');
        if (onScreen) samples.push(onScreen.at - Date.parse(change.data.at));
      }
      stream.messages.length = 0;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const result = { samples: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1], minMs: sorted[0] };
    await fs.mkdir('test-results', { recursive: true });
    await fs.writeFile('test-results/live-latency.json', `${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`live latency, worker change -> browser: ${JSON.stringify(result)}\n`);
    expect(sorted.length).toBeGreaterThanOrEqual((STEPS - 1) * RUNS * 0.8);
    expect(result.minMs).toBeGreaterThanOrEqual(0);
    expect(result.p99Ms).toBeLessThan(500 + HOST_SLACK_MS);
  });
});
