/**
 * Per-call overhead of a trivial `code` step, next to its baselines, and the event-loop lag of
 * the host while user code spins. Runs in-process (no database or queue): the step-level
 * figures are the node's run() as the worker calls it.
 *
 *   npx tsx bench/code-step.ts [--calls 1000]
 *
 * Prints one JSON object. Figures in milliseconds.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { codeNode } from '@/lib/engine/nodes/code';
import { transformNode } from '@/lib/engine/nodes/transform';
import type { NodeContext, NodeDefinition } from '@/lib/engine/nodes';
import type { Ports } from '@/lib/engine/ports';
import { createSandbox, type Sandbox } from '@/lib/sandbox';
import { mean, percentile } from './stats';

const calls = Number(process.argv[process.argv.indexOf('--calls') + 1]) || 1000;

const scope = {
  event: { id: 'ord-1', source: '/shop', type: 'order.placed', data: { orderId: 'ord-1', total: 40, items: [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-2', qty: 3 }] } },
  steps: { reserve: { status: 200, headers: {}, body: { reservationId: 'res-ord-1', items: 2 } } },
  run: { id: '6c1f3c1e-0000-4000-8000-000000000001', workflowId: '6c1f3c1e-0000-4000-8000-000000000002', version: 1 },
};

function summary(samples: number[]) {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return { calls: samples.length, p50: r(percentile(samples, 50)), p90: r(percentile(samples, 90)), p99: r(percentile(samples, 99)), mean: r(mean(samples)) };
}

async function measure(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  for (let i = 0; i < Math.min(50, n); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

function stepContext(type: string, config: Record<string, unknown>, sandbox: Sandbox): NodeContext {
  const unused = () => Promise.reject(new Error('unused'));
  const ports: Ports = { clock: { now: () => new Date() }, http: unused, emit: unused, runCode: sandbox.runCode };
  return { node: { id: 'step', type, position: { x: 0, y: 0 }, config }, attempt: 1, idempotencyKey: 'run:step', scope, ports };
}

/** A thread that answers each message with itself: the cost of crossing to a worker thread and back. */
async function echoThread(): Promise<{ roundTrip(msg: unknown): Promise<unknown>; stop(): Promise<number> }> {
  const source = 'import { parentPort } from "node:worker_threads"; parentPort.on("message", (m) => parentPort.postMessage(m));';
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { execArgv: [] });
  return {
    roundTrip: (msg) => new Promise((resolve) => { worker.once('message', resolve); worker.postMessage(msg); }),
    stop: () => worker.terminate(),
  };
}

async function lagWhile(work: () => Promise<unknown>, ms: number) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  const until = performance.now() + ms;
  h.enable();
  while (performance.now() < until) await work();
  h.disable();
  const r = (ns: number) => Math.round(ns / 1e4) / 100;
  return { p50: r(h.percentile(50)), p99: r(h.percentile(99)), max: r(h.max), resolutionMs: 1 };
}

async function main() {
  const sandbox = createSandbox({ threads: 1 });
  const run = (def: NodeDefinition, ctx: NodeContext) => def.run!(ctx);

  const coldStart = performance.now();
  await sandbox.runCode({ source: 'return 1', input: scope, timeoutMs: 1000, memoryBytes: 64 << 20, allowFetch: false, idempotencyKey: 'x' });
  const coldMs = performance.now() - coldStart;

  const codeCtx = stepContext('code', { source: 'return { orderId: event.data.orderId, parcels: event.data.items.length }' }, sandbox);
  const transformCtx = stepContext('transform', { expression: '{ "orderId": event.data.orderId, "parcels": $count(event.data.items) }' }, sandbox);
  const inputJson = JSON.stringify(scope);
  const echo = await echoThread();

  const code = await measure(() => run(codeNode, codeCtx), calls);
  const transform = await measure(() => run(transformNode, transformCtx), calls);
  const thread = await measure(() => echo.roundTrip({ type: 'run', inputJson }), calls);
  const sandboxOnly = await measure(() => sandbox.runCode({ source: 'return 1', input: scope, timeoutMs: 1000, memoryBytes: 64 << 20, allowFetch: false, idempotencyKey: 'x' }), calls);
  await echo.stop();

  // A fresh engine (after a run that hit its memory limit, or a new limit) costs an instantiation.
  const freshEngine = await measure(async () => {
    await sandbox.runCode({ source: 'return 1', input: scope, timeoutMs: 1000, memoryBytes: 16 << 20, allowFetch: false, idempotencyKey: 'x' });
    return sandbox.runCode({ source: 'return 1', input: scope, timeoutMs: 1000, memoryBytes: 17 << 20, allowFetch: false, idempotencyKey: 'x' });
  }, 50);

  const idleLag = await lagWhile(() => new Promise((r) => setTimeout(r, 20)), 2000);
  const spinLag = await lagWhile(() => sandbox.runCode({ source: 'while (true) {}', input: scope, timeoutMs: 200, memoryBytes: 64 << 20, allowFetch: false, idempotencyKey: 'x' }), 2000);
  await sandbox.close();

  const c = summary(code);
  const t = summary(transform);
  const w = summary(thread);
  console.log(JSON.stringify({
    benchmark: 'code-step',
    calls,
    trivialCodeStep: c,
    baselineTransformStep: t,
    baselineThreadRoundTrip: w,
    sandboxRunCodeOnly: summary(sandboxOnly),
    overhead: {
      codeVsTransformP50: Math.round((c.p50 - t.p50) * 1000) / 1000,
      codeVsTransformRatioP50: Math.round((c.p50 / t.p50) * 100) / 100,
      codeVsThreadRoundTripP50: Math.round((c.p50 - w.p50) * 1000) / 1000,
    },
    threadColdStartMs: Math.round(coldMs),
    freshEnginePerTwoRuns: summary(freshEngine),
    eventLoopLagMs: { idle: idleLag, whileUserCodeLoops: spinLag },
  }, null, 2));
}

await main();
