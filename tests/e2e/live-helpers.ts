/** What the live browser tests share: screenshots, reading node states, recording their changes. */
import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { callApi } from '../setup/api';

export async function liveShot(page: Page, name: string): Promise<void> {
  await fs.mkdir('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/live-${name}.png` });
}

export const statusOf = (page: Page, nodeId: string) => page.getByTestId(`node-${nodeId}`).getAttribute('data-status');

export { createActiveWorkflow as createActive } from '../integration/api-helpers';

export async function send(type: string, data: unknown, extra: Record<string, unknown> = {}): Promise<{ id: string; seq: number }> {
  const res = await callApi('POST', '/api/events', { body: { type, data, ...extra } });
  if (res.status !== 202) throw new Error(JSON.stringify(res.body));
  return res.body;
}

/**
 * Records, in the page, every change of a node card's `data-status` with the browser's clock, so a
 * test can tell the order in which states appeared on screen (and when).
 */
export async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __statuses: { node: string; status: string | null; at: number }[] };
    w.__statuses = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        const node = el.getAttribute('data-testid')?.replace(/^node-/, '');
        if (node && el.hasAttribute('data-testid')) w.__statuses.push({ node, status: el.getAttribute('data-status'), at: Date.now() });
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

export async function recorded(page: Page): Promise<{ node: string; status: string | null; at: number }[]> {
  return page.evaluate(() => (window as unknown as { __statuses: { node: string; status: string | null; at: number }[] }).__statuses);
}

export const at = (i: number) => ({ x: i * 260, y: 0 });
