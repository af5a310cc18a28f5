import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowNode } from '@/lib/engine/graph';
import { largeWorkflow } from '../../bench/editor-graph';
import { callApi } from '../setup/api';
import { waitFor } from '../setup/wait';
import { node, openEditor, saved, shot } from './editor-helpers';
import { startSignedInApp, type SignedInApp } from '../setup/signed-in-app';

let app: SignedInApp;
let web: SignedInApp['web'];
let page: Page;

beforeAll(async () => {
  app = await startSignedInApp();
  ({ web, page } = app);
}, 300_000);

afterAll(async () => app?.close());

describe('a workflow of 1,000 nodes and 1,200 edges', () => {
  it('opens, and one of its nodes can be dragged to a new place that is saved', async () => {
    const doc = largeWorkflow();
    expect([doc.nodes.length, doc.edges.length]).toEqual([1000, 1200]);
    const { body } = await callApi('POST', '/api/workflows', { body: doc });
    await openEditor(page, `${web.url}/workflows/${body.id}`);
    await page.getByText('1000 nodes · 1200 connections').waitFor();
    await page.getByText('No problems').waitFor();
    const drawn = await page.locator('.react-flow__node').count();
    // only the nodes in view are drawn
    expect(drawn).toBeGreaterThan(20);
    expect(drawn).toBeLessThan(1000);
    await shot(page, 'large-1-open');

    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const id = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.react-flow__node')?.getAttribute('data-id') ?? null,
      [pane.x + pane.width / 2, pane.y + pane.height / 2] as const)
      ?? await page.locator('.react-flow__node').nth(Math.floor(drawn / 2)).getAttribute('data-id');
    const before = doc.nodes.find((n) => n.id === id)!.position;
    const box = (await node(page, id!).boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x + 240, box.y + 112, { steps: 20 });
    await page.mouse.up();
    await page.getByText('Unsaved').or(page.getByText('Saving…')).first().waitFor();
    await saved(page);
    await shot(page, 'large-2-dragged');

    const after = await waitFor(async () => {
      const { body: stored } = await callApi('GET', `/api/workflows/${body.id}`);
      return (stored.nodes as WorkflowNode[]).find((n) => n.id === id)?.position;
    }, { what: 'the stored position' });
    expect(after.x).toBeGreaterThan(before.x + 100);
    expect(after.y).toBeGreaterThan(before.y + 50);
  });
});
