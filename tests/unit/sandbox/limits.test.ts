/**
 * Resource limits of the sandbox, measured from the host: time (the interrupt handler, and the
 * watchdog for work the interrupt cannot reach), memory (the engine's WebAssembly memory),
 * stack, output size, logs. Each overrun is a clear, non-retried failure and the sandbox keeps
 * serving the next run.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, runNode, testSandbox, type Sandbox } from './helpers';
import { HOST_SLACK_MS } from '../../setup/timing';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = testSandbox({ threads: 1 });
  await sandbox.runCode(request('return 1'));
});
afterAll(() => sandbox?.close());

async function timed(source: string, extra: Parameters<typeof request>[1] = {}) {
  const started = performance.now();
  const res = await sandbox.runCode(request(source, extra));
  return { res, ms: performance.now() - started };
}

async function stillWorks() {
  const { res } = await timed('return event.data.total + 1');
  expect(res).toMatchObject({ ok: true, result: 31 });
}

describe('the time limit', () => {
  const loops: Array<[string, string]> = [
    ['while (true) {}', 'while (true) {}'],
    ['for (;;) with work', 'let x = 0;\nfor (;;) { x += Math.sqrt(x + 1); }'],
    ['a loop that catches what stops it', 'while (true) { try { while (true) {} } catch (e) {} }'],
    ['a loop after an await', 'await null;\nwhile (true) {}'],
    ['an endless chain of promise jobs', 'function again() { return Promise.resolve().then(again); }\nagain();\nreturn 1'],
    ['a loop in toJSON of the result', 'return { toJSON() { for (;;) {} } }'],
    ['catastrophic regular expression backtracking', 'return /(a+)+$/.test("a".repeat(40) + "b")'],
  ];

  it.each(loops)('stops %s within the limit plus 100 ms', async (_name, source) => {
    const { res, ms } = await timed(source, { timeoutMs: 200 });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.kind).toBe('timeout');
    expect(ms).toBeLessThan(300 + HOST_SLACK_MS);
    await stillWorks();
  });

  it('gives reading a thrown value a budget of its own', async () => {
    const { res, ms } = await timed('throw { get message() { for (;;) {} } }', { timeoutMs: 200 });
    expect(res).toMatchObject({ ok: false, error: { kind: 'error', message: 'the code threw a value that could not be read' } });
    expect(ms).toBeLessThan(150 + HOST_SLACK_MS);
  });

  it('terminates the thread when native work keeps the interrupt from running, and replaces it', async () => {
    const before = sandbox.stats();
    // Each indexOf call is long native work; QuickJS polls its interrupt only every ~10,000 steps of bytecode.
    const { res, ms } = await timed('const a = new Array(1e6).fill(1);\nwhile (true) a.indexOf(2);', { timeoutMs: 200 });
    expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', message: expect.stringContaining('thread was stopped') } });
    expect(ms).toBeLessThan(200 + 100 + 50 + HOST_SLACK_MS);
    expect(sandbox.stats().stopped).toBe(before.stopped + 1);
    await stillWorks();
    expect(sandbox.stats().started).toBe(before.started + 1);
  });

  it('counts the limit from the start of the run, not per turn of the event loop', async () => {
    const { res, ms } = await timed('let n = 0;\nfor (let i = 0; i < 1e9; i++) { await null; n++; }\nreturn n', { timeoutMs: 150 });
    expect(!res.ok && res.error.kind).toBe('timeout');
    expect(ms).toBeLessThan(250 + HOST_SLACK_MS);
  });

  it('keeps the host event loop responsive while user code spins', async () => {
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    // Spinning inside the host's own thread would show up as lag of about the whole 1 s limit.
    for (let i = 0; i < 3; i++) await timed('while (true) {}', { timeoutMs: 1000 });
    lag.disable();
    expect(lag.max / 1e6).toBeLessThan(100 + HOST_SLACK_MS);
    expect(lag.percentile(99) / 1e6).toBeLessThan(50 + HOST_SLACK_MS / 2);
  });
});

describe('the memory limit', () => {
  const bombs: Array<[string, string]> = [
    ['growing strings', 'const a = [];\nwhile (true) a.push("x".repeat(1 << 20) + a.length);'],
    ['many small arrays', 'const a = [];\nwhile (true) a.push([1, 2, 3, 4, 5, 6, 7, 8]);'],
    ['many objects', 'const a = [];\nfor (let i = 0; ; i++) a.push({ i });'],
    ['typed arrays', 'const a = [];\nwhile (true) a.push(new Uint8Array(1 << 20));'],
    ['a deeply nested structure', 'let a = [];\nfor (let i = 0; i < 1e7; i++) a = [a];\nreturn a'],
    ['a bomb still held by a global when it stops', 'globalThis.keep = [];\nwhile (true) keep.push([1, 2, 3, 4, 5, 6, 7, 8]);'],
    ['a bomb whose error is caught and replaced', 'globalThis.keep = [];\ntry { while (true) keep.push([1, 2, 3]); } catch (e) { throw new Error("caught: " + e.message); }'],
  ];

  it.each(bombs)('stops %s at the limit', async (_name, source) => {
    const { res } = await timed(source, { memoryBytes: 32 * 1024 * 1024, timeoutMs: 5_000 });
    expect(res).toMatchObject({ ok: false, error: { kind: 'memory', message: 'the memory limit was reached' } });
    await stillWorks();
  });

  it('grants about as much as the configured limit, not more', async () => {
    const count = 'let n = 0;\nconst a = [];\ntry { while (true) { a.push("x".repeat(1 << 20) + n); n++; } } catch (e) { return { n, error: String(e) } }';
    for (const mb of [16, 32, 64]) {
      const { res } = await timed(count, { memoryBytes: mb * 1024 * 1024, timeoutMs: 5_000 });
      const result = (res as { result: { n: number; error: string } }).result;
      expect(result.error).toBe('InternalError: out of memory');
      expect(result.n, `MB held under a ${mb} MB limit`).toBeLessThanOrEqual(mb);
      expect(result.n).toBeGreaterThanOrEqual(mb - 8);
    }
  });

  it('keeps the host RSS bounded across repeated bombs', async () => {
    const bomb = 'const a = [];\nwhile (true) a.push("x".repeat(1 << 20) + a.length);';
    const limit = 64 * 1024 * 1024;
    let peak = 0;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const baseline = process.memoryUsage().rss;
    const rssAfter: number[] = [];
    for (let i = 0; i < 8; i++) {
      const { res } = await timed(bomb, { memoryBytes: limit, timeoutMs: 5_000 });
      expect(!res.ok && res.error.kind).toBe('memory');
      rssAfter.push(process.memoryUsage().rss);
    }
    clearInterval(sampler);
    // At most the live engine and the one just dropped (not yet collected), plus slack.
    expect(peak - baseline).toBeLessThan(2 * limit + 64 * 1024 * 1024);
    expect(rssAfter[7] - rssAfter[2], 'RSS keeps growing from bomb to bomb').toBeLessThan(32 * 1024 * 1024);
  });
});

describe('the stack limit', () => {
  const recursions: Array<[string, string]> = [
    ['plain recursion', 'function f() { return f() + 1; }\nreturn f()'],
    ['recursion through a native function', 'function f() { [1].map(f); }\nf()'],
    ['recursion through a getter', 'const o = { get x() { return this.x; } };\nreturn o.x'],
    ['recursion through toString', 'const o = { toString() { return `${this}`; } };\nreturn String(o)'],
    ['a deeply nested array turned into a string', 'let a = [];\nfor (let i = 0; i < 1e5; i++) a = [a];\nreturn String(a)'],
  ];

  it.each(recursions)('stops %s with a clear error', async (_name, source) => {
    const { error } = await runNode(sandbox, { source });
    expect(error).toMatchObject({ code: 'code_stack', retriable: false });
    expect(error.message).toMatch(/^stack limit exceeded: recursion too deep/);
    await stillWorks();
  });

  it('names the recursive function and its position', async () => {
    const { error } = await runNode(sandbox, { source: 'const x = 1;\nfunction deep(n) {\n  return deep(n + 1) + x;\n}\nreturn deep(0)' });
    expect(error.message).toBe('stack limit exceeded: recursion too deep (line 3, column 14)');
    expect(error.details.stack).toMatch(/^ {4}at deep \(code\.js:3:14\)/);
  });

  it('allows recursion a thousand levels deep', async () => {
    const { res } = await timed('function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }\nreturn depth(1000)');
    expect(res).toMatchObject({ ok: true, result: 1000 });
  });
});

describe('the output', () => {
  const MiB = 1024 * 1024;

  it('refuses a result over 1 MiB of JSON and says how large it was', async () => {
    const { error } = await runNode(sandbox, { source: 'return "x".repeat(2 * 1024 * 1024)' });
    expect(error).toMatchObject({ code: 'code_output', retriable: false });
    expect(error.message).toBe(`output refused: the returned value is at least ${2 * MiB + 2} bytes of JSON, over the limit of ${MiB} bytes`);
  });

  it('measures the limit in UTF-8 bytes, not characters', async () => {
    const { error } = await runNode(sandbox, { source: 'return "€".repeat(400000)' });
    expect(error.message).toBe(`output refused: the returned value is ${3 * 400000 + 2} bytes of JSON, over the limit of ${MiB} bytes`);
  });

  it('accepts a result of exactly the limit', async () => {
    const { res } = await timed(`return "x".repeat(${MiB - 2})`);
    expect(res.ok).toBe(true);
    expect((res as { result: string }).result).toHaveLength(MiB - 2);
  });

  it('refuses many small values that add up to too much', async () => {
    const { error } = await runNode(sandbox, { source: 'const o = {};\nfor (let i = 0; i < 200000; i++) o["key" + i] = i;\nreturn o' });
    expect(error.code).toBe('code_output');
  });

  const notJson: Array<[string, string, RegExp]> = [
    ['a BigInt', 'return 10n', /TypeError: Do not know how to serialize a BigInt/],
    ['a circular structure', 'const o = {};\no.self = o;\nreturn o', /TypeError: circular reference/],
    ['a function', 'return () => 1', /the code returned a function, which is not JSON/],
    ['a symbol', 'return Symbol("s")', /the code returned a symbol, which is not JSON/],
    ['a throwing toJSON', 'return { toJSON() { throw new RangeError("no") } }', /RangeError: no/],
  ];

  it.each(notJson)('refuses %s as output', async (_name, source, message) => {
    const { error } = await runNode(sandbox, { source });
    expect(error).toMatchObject({ code: 'code_output', retriable: false });
    expect(error.message).toMatch(message);
  });
});

describe('console output', () => {
  it('keeps 200 lines and says how many more were dropped', async () => {
    const { res } = await timed('for (let i = 0; i < 300; i++) console.log("line", i);\nreturn 1');
    expect(res.ok).toBe(true);
    expect(res.logs).toHaveLength(201);
    expect(res.logs[199]).toEqual({ level: 'log', message: 'line 199' });
    expect(res.logs[200]).toEqual({ level: 'warn', message: '100 more log line(s) dropped (limit: 200 lines, 65536 bytes)' });
  });

  it('clips a long line and caps the total bytes', async () => {
    const { res } = await timed('console.log("y".repeat(100000));\nfor (let i = 0; i < 20; i++) console.log("z".repeat(7000));\nreturn 1');
    expect(res.logs[0].message).toBe(`${'y'.repeat(8000)}…`);
    const kept = res.logs.filter((l) => l.level === 'log');
    expect(kept.reduce((n, l) => n + Buffer.byteLength(l.message), 0)).toBeLessThanOrEqual(65536);
    expect(res.logs.at(-1)?.message).toMatch(/^\d+ more log line\(s\) dropped/);
  });
});
