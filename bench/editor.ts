/**
 * The editor benchmark: how long the editor takes to open a 1,000-node, 1,200-edge workflow in
 * Chromium, and the frame rate while a node is dragged; each beside its baseline measured in
 * the same run (a 5-node workflow, and the frame rate of the same browser on an idle page).
 *
 * `npx tsx bench/editor.ts [--smoke]` starts its own PostgreSQL, Redis and the web server
 * (building the app if needed) and prints JSON figures. `measureEditor()` measures against a
 * server that is already running.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { runMigrations } from '../db/migrate';
import type { WorkflowDocument } from '../lib/engine/graph';
import { startEmbeddedPostgres } from '../lib/runtime/embedded-postgres';
import { ensureDatabase } from '../lib/runtime/ensure-database';
import { freePort } from '../lib/runtime/free-port';
import { ensureNextBuild } from '../lib/runtime/next-build';
import { webServerArgs } from '../lib/runtime/web-command';
import { startProcess } from '../lib/runtime/processes';
import { startRedisServer } from '../lib/runtime/redis-server';
import { largeWorkflow } from './editor-graph';
import { dragFrames, openEditor, type FrameStats } from './editor-measure';

export interface EditorBenchOptions {
  baseUrl: string;
  apiKey: string;
  /** Who the browser signs in as; without it, the owner account is set up (a fresh server). */
  signin?: { email: string; password: string };
  /** Page loads of each workflow measured (the first, cold, is reported on its own). */
  opens?: number;
  dragMs?: number;
  chromiumPath?: string;
}

export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function createWorkflow(baseUrl: string, apiKey: string, doc: WorkflowDocument): Promise<string> {
  const res = await fetch(`${baseUrl}/api/workflows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  if (res.status !== 201) throw new Error(`creating the workflow answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The session cookie of a person signed in through the API (setting up the owner on a fresh server). */
async function signIn(baseUrl: string, signin: EditorBenchOptions['signin']): Promise<{ name: string; value: string }> {
  const body = signin ?? { email: 'bench-owner@example.test', name: 'Benchmark', password: `bench ${randomBytes(12).toString('base64url')} Q7!` };
  const res = await fetch(`${baseUrl}/api/auth/${signin ? 'signin' : 'setup'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`signing in answered ${res.status}: ${await res.text()} (pass signin: { email, password } for a server that has users)`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('='));
  if (!cookie) throw new Error('signing in set no cookie');
  const at = cookie.indexOf('=');
  return { name: cookie.slice(0, at), value: cookie.slice(at + 1) };
}

function smallWorkflow(): WorkflowDocument {
  const doc = largeWorkflow(5, 4, 2);
  return { ...doc, name: 'Small workflow (5 nodes)' };
}

async function opens(page: Page, url: string, count: number): Promise<{ first: number; warm: number[] }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await openEditor(page, url));
  return { first: times[0], warm: times.slice(1) };
}

/** Measures against a running web server; creates the two workflows it opens. */
export async function measureEditor(opts: EditorBenchOptions): Promise<{ figures: Figure[]; detail: Record<string, unknown> }> {
  const openCount = Math.max(2, opts.opens ?? 6);
  const dragMs = opts.dragMs ?? 3000;
  const large = largeWorkflow();
  const [largeId, smallId] = [await createWorkflow(opts.baseUrl, opts.apiKey, large), await createWorkflow(opts.baseUrl, opts.apiKey, smallWorkflow())];
  const browser = await chromium.launch({
    executablePath: opts.chromiumPath ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ ...(await signIn(opts.baseUrl, opts.signin)), url: opts.baseUrl }]);
    const page = await context.newPage();
    const largeUrl = `${opts.baseUrl}/workflows/${largeId}`;
    const smallUrl = `${opts.baseUrl}/workflows/${smallId}`;
    const smallOpen = await opens(page, smallUrl, openCount);
    const smallDrag = await dragFrames(page, true, dragMs);
    const idle = await dragFrames(page, false, Math.min(dragMs, 2000));
    const largeOpen = await opens(page, largeUrl, openCount);
    const largeDrag = await dragFrames(page, true, dragMs);
    if (largeDrag.movedPx === 0) throw new Error('the dragged node did not move');
    const openMs = median(largeOpen.warm);
    const baselineOpenMs = median(smallOpen.warm);
    const frame = (s: FrameStats, prefix: string, label: string): Figure[] => [
      { id: `${prefix}_fps`, label: `${label}: frames per second`, value: round(s.fps), unit: 'fps' },
      { id: `${prefix}_frame_p95_ms`, label: `${label}: 95th percentile frame time`, value: round(s.p95Ms), unit: 'ms' },
    ];
    const figures: Figure[] = [
      { id: 'open_ms', label: `open the ${large.nodes.length}-node workflow (median of ${largeOpen.warm.length})`, value: Math.round(openMs), unit: 'ms' },
      { id: 'open_first_ms', label: `open the ${large.nodes.length}-node workflow, first load`, value: Math.round(largeOpen.first), unit: 'ms' },
      { id: 'baseline_open_ms', label: 'baseline: open a 5-node workflow (median)', value: Math.round(baselineOpenMs), unit: 'ms' },
      { id: 'open_ratio', label: 'open time, 1,000 nodes / 5 nodes', value: round(openMs / baselineOpenMs, 2), unit: 'x' },
      ...frame(largeDrag, 'drag', `drag a node of the ${large.nodes.length}-node workflow`),
      ...frame(smallDrag, 'baseline_drag', 'baseline: drag a node of the 5-node workflow'),
      ...frame(idle, 'baseline_idle', 'baseline: the idle page'),
      { id: 'drag_fps_ratio', label: 'drag frame rate, 1,000 nodes / idle page', value: round(largeDrag.fps / idle.fps, 2), unit: 'x' },
    ];
    return {
      figures,
      detail: {
        nodes: large.nodes.length, edges: large.edges.length, largeOpensMs: [largeOpen.first, ...largeOpen.warm],
        smallOpensMs: [smallOpen.first, ...smallOpen.warm], drag: largeDrag, baselineDrag: smallDrag, idle,
        cpus: os.cpus().length, loadAverage: os.loadavg(),
      },
    };
  } finally {
    await browser.close();
  }
}

const BENCH_KEY = 'bench-editor-key-0123456789abcdef';

/** Starts PostgreSQL, Redis and the web server in a temporary directory, measures, stops them. */
export async function runEditorBench(opts: { smoke?: boolean } = {}) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'causeway-editor-bench-'));
  await fs.chmod(dir, 0o755);
  const stops: Array<() => Promise<void>> = [];
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
    stops.unshift(postgres.stop);
    const databaseUrl = await ensureDatabase(postgres.url, 'causeway');
    const redis = await startRedisServer({ dataDir: path.join(dir, 'redis'), port: await freePort(), persist: false });
    stops.unshift(redis.stop);
    await runMigrations(databaseUrl);
    const env: NodeJS.ProcessEnv = {
      ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', DATABASE_URL: databaseUrl, REDIS_URL: redis.url,
      CAUSEWAY_API_KEY: BENCH_KEY, CAUSEWAY_QUEUE_PREFIX: 'editorbench', CAUSEWAY_DEMO: 'off', LOG_LEVEL: 'warn',
    };
    ensureNextBuild(root, env);
    const port = await freePort();
    const web = startProcess('web', process.execPath, webServerArgs(root, port, '127.0.0.1'), env);
    stops.unshift(() => web.stop());
    const baseUrl = `http://127.0.0.1:${port}`;
    for (const deadline = Date.now() + 60_000; ; ) {
      if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error('the web server did not come up');
      await new Promise((r) => setTimeout(r, 250));
    }
    return await measureEditor({ baseUrl, apiKey: BENCH_KEY, ...(opts.smoke && { opens: 2, dragMs: 1000 }) });
  } finally {
    for (const stop of stops) await stop().catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runEditorBench({ smoke: process.argv.includes('--smoke') })
    .then((result) => {
      // the figures come last: the benchmark harness reads the last JSON printed
      process.stderr.write(`detail: ${JSON.stringify(result.detail)}\n`);
      process.stdout.write(`${JSON.stringify(result.figures, null, 2)}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
