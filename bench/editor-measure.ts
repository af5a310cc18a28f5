/** In-browser measurements for the editor benchmark: page open time and frames while dragging. */
import type { Page } from 'playwright-core';

export interface FrameStats {
  fps: number;
  frames: number;
  durationMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** How far the dragged node ended up from where it started (0 for no drag). */
  movedPx: number;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Milliseconds from navigation until the canvas has drawn and measured its nodes, and painted. */
export async function openEditor(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto(url);
  await page.locator('[data-ready="true"]').waitFor({ timeout: 120_000 });
  await page.locator('.react-flow__node').first().waitFor();
  await page.locator('.react-flow__edge').first().waitFor();
  await page.evaluate(TWO_FRAMES);
  return Date.now() - started;
}

// In-page code is passed as text: tsx adds helpers to compiled functions that the page lacks.
const MIDDLE_NODE = `(() => {
  const pane = document.querySelector('.react-flow').getBoundingClientRect();
  const cx = pane.left + pane.width / 2;
  const cy = pane.top + pane.height / 2;
  const distance = (r) => Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
  let best = null;
  for (const el of document.querySelectorAll('.react-flow__node')) {
    const r = el.getBoundingClientRect();
    if (!best || distance(r) < distance(best.r)) best = { el, r };
  }
  if (!best) throw new Error('no node on the canvas');
  return { id: best.el.getAttribute('data-id'), x: best.r.left + Math.min(60, best.r.width / 3), y: best.r.top + 14 };
})()`;

// each recording has its own generation, so a loop left from the previous one stops
const START_FRAMES = `(() => {
  const generation = (window.__generation = (window.__generation || 0) + 1);
  window.__frames = [];
  const tick = (t) => {
    if (window.__generation !== generation) return;
    window.__frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const STOP_FRAMES = `(() => {
  window.__generation += 1;
  return window.__frames;
})()`;

const TWO_FRAMES = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';

/** Records animation frames while the mouse drags the middle node around for `ms` (or, with drag false, on the idle page). */
export async function dragFrames(page: Page, drag: boolean, ms: number): Promise<FrameStats> {
  await page.evaluate(START_FRAMES);
  let movedPx = 0;
  if (drag) {
    const start = (await page.evaluate(MIDDLE_NODE)) as { id: string; x: number; y: number };
    const node = page.locator(`.react-flow__node[data-id="${start.id}"]`);
    const before = (await node.boundingBox())!;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const t0 = Date.now();
    for (let i = 1; Date.now() - t0 < ms; i++) {
      await page.mouse.move(start.x + 30 + 140 * Math.sin(i / 20), start.y + 20 + 70 * Math.sin(i / 31));
    }
    await page.mouse.up();
    const after = await node.boundingBox();
    movedPx = after ? Math.round(Math.hypot(after.x - before.x, after.y - before.y)) : 0;
  } else {
    await page.waitForTimeout(ms);
  }
  const frames = (await page.evaluate(STOP_FRAMES)) as number[];
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  const durationMs = frames.length > 1 ? frames[frames.length - 1] - frames[0] : 0;
  return {
    fps: durationMs > 0 ? (intervals.length * 1000) / durationMs : 0,
    frames: frames.length,
    durationMs: Math.round(durationMs),
    p50Ms: percentile(intervals, 50),
    p95Ms: percentile(intervals, 95),
    maxMs: Math.max(0, ...intervals),
    movedPx,
  };
}
