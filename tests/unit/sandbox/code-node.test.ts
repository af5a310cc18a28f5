/**
 * The `code` node over the real sandbox: what user code sees, what the step outputs, and how
 * its failures are reported and classified for retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeRegistry, NodeError } from '../../../lib/engine/nodes';
import { codeNode } from '../../../lib/engine/nodes/code';
import { request, runNode, scope, testSandbox, type Sandbox } from './helpers';

let sandbox: Sandbox;

beforeAll(() => {
  sandbox = testSandbox({ threads: 2 });
});
afterAll(() => sandbox?.close());

const output = (outcome: unknown) => (outcome as { output: { result: unknown; logs: unknown[] } }).output;

describe('what the code sees and returns', () => {
  it('gets event, steps and run and outputs { result, logs }', async () => {
    const { outcome, error } = await runNode(sandbox, {
      source: `const total = event.data.items.reduce((sum, i) => sum + i.qty * i.price, 0);
console.log('total', total);
return { orderId: event.data.orderId, total, reservation: steps.reserve.body.reservationId, run: run.id, version: run.version };`,
    });
    expect(error).toBeUndefined();
    expect(outcome).toEqual({
      kind: 'done',
      output: { result: { orderId: 'o-1', total: 30, reservation: 'res-o-1', run: 'run-1', version: 3 }, logs: [{ level: 'log', message: 'total 30' }] },
    });
  });

  it('awaits a returned promise and async code', async () => {
    const { outcome } = await runNode(sandbox, {
      source: 'const wait = (v) => new Promise((resolve) => resolve(v));\nconst a = await wait(20);\nreturn Promise.all([a, wait(22)]).then(([x, y]) => x + y)',
    });
    expect(output(outcome).result).toBe(42);
  });

  it('works on copies: changing the input inside does not change the host scope', async () => {
    const before = JSON.stringify(scope);
    const { outcome } = await runNode(sandbox, { source: 'event.data.total = 0;\nsteps.reserve = null;\nreturn event.data.total' });
    expect(output(outcome).result).toBe(0);
    expect(JSON.stringify(scope)).toBe(before);
  });

  it('turns the result into JSON as JSON.stringify does', async () => {
    const { outcome } = await runNode(sandbox, {
      source: 'return { missing: undefined, nan: NaN, when: new Date(0), list: [undefined, () => 1], nested: { map: new Map([[1, 2]]) } }',
    });
    expect(output(outcome).result).toEqual({ nan: null, when: '1970-01-01T00:00:00.000Z', list: [null, null], nested: { map: {} } });
  });

  it('outputs null when the code returns nothing', async () => {
    const { outcome } = await runNode(sandbox, { source: 'console.info("side effect only")' });
    expect(outcome).toEqual({ kind: 'done', output: { result: null, logs: [{ level: 'info', message: 'side effect only' }] } });
  });

  it('captures every console level, formatting values as JSON', async () => {
    const { outcome } = await runNode(sandbox, {
      source: 'console.log("a", 1, { b: [2] });\nconsole.info(null, undefined);\nconsole.warn(true);\nconsole.error(new Error("boom").message);\nconsole.debug(10n)',
    });
    expect(output(outcome).logs).toEqual([
      { level: 'log', message: 'a 1 {"b":[2]}' },
      { level: 'info', message: 'null undefined' },
      { level: 'warn', message: 'true' },
      { level: 'error', message: 'boom' },
      { level: 'debug', message: '10' },
    ]);
  });

  it('runs several steps at once on separate threads, each with its own answer', async () => {
    const runs = Array.from({ length: 20 }, (_, i) => sandbox.runCode(request(`let s = 0;\nfor (let k = 0; k < 20000; k++) s += k % 7;\nreturn [${i}, s]`)));
    const results = await Promise.all(runs);
    results.forEach((r, i) => expect(r).toMatchObject({ ok: true, result: [i, 59997] }));
  });
});

describe('failures', () => {
  it('reports a thrown error with its position in the user source, retried by policy', async () => {
    const { error } = await runNode(sandbox, {
      source: 'console.log("before");\nconst order = event.data;\nif (order.total > 10) {\n  throw new RangeError(`total ${order.total} too high`);\n}',
    });
    expect(error).toBeInstanceOf(NodeError);
    // QuickJS places a call at its opening parenthesis.
    expect(error.message).toBe('RangeError: total 30 too high (line 4, column 23)');
    expect(error).toMatchObject({ code: 'code_error', retriable: true });
    expect(error.details).toMatchObject({
      kind: 'error', limit: null, name: 'RangeError', message: 'total 30 too high', line: 4, column: 23,
      stack: '    at <anonymous> (code.js:4:23)', logs: [{ level: 'log', message: 'before' }],
    });
  });

  it('keeps only user frames in the stack, at user positions', async () => {
    const { error } = await runNode(sandbox, { source: 'function inner() {\n  return null.x;\n}\nfunction outer() { return [1].map(inner); }\nreturn outer()' });
    expect(error.details.stack).toBe('    at inner (code.js:2:14)\n    at map (native)\n    at outer (code.js:4:20)\n    at <anonymous> (code.js:5:13)');
  });

  it('reports a rejected promise like a throw', async () => {
    const { error } = await runNode(sandbox, { source: 'await null;\nreturn Promise.reject(new TypeError("nope"))' });
    expect(error).toMatchObject({ code: 'code_error', message: expect.stringMatching(/^TypeError: nope/) });
  });

  it('reports a thrown non-error value by its text', async () => {
    const { error } = await runNode(sandbox, { source: 'throw { code: 42 }' });
    expect(error.message).toBe('{"code":42}');
  });

  it('reports a syntax error with its position and does not retry it', async () => {
    const { error } = await runNode(sandbox, { source: 'const a = 1;\nconst b = ;' });
    expect(error).toMatchObject({ code: 'code_syntax', retriable: false });
    expect(error.message).toMatch(/^SyntaxError: .+ \(line 2, column 11\)$/);
  });

  it('refuses a body that closes the function around it', async () => {
    const { error } = await runNode(sandbox, { source: '}); (function () {' });
    expect(error).toMatchObject({ code: 'code_syntax', retriable: false });
    expect(error.message).toMatch(/must be a function body/);
  });

  it('says which limit stopped the code, with the configured values, and does not retry', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ source: 'while (true) {}', timeoutMs: 100 }, 'code_timeout', 'time limit of 100 ms exceeded'],
      [{ source: 'const a = [];\nwhile (true) a.push(new Array(1000).fill(1));', memoryMb: 16 }, 'code_memory', 'memory limit of 16 MB exceeded'],
      [{ source: 'const f = () => f();\nf()' }, 'code_stack', 'stack limit exceeded: recursion too deep'],
      [{ source: 'return "x".repeat(3e6)' }, 'code_output', 'output refused: the returned value is'],
    ];
    for (const [config, code, message] of cases) {
      const { error } = await runNode(sandbox, config);
      expect(error, code).toMatchObject({ code, retriable: false });
      expect(error.message.startsWith(message), `${error.message} starts with ${message}`).toBe(true);
      expect(error.details.limit).toBe({ code_timeout: 'time', code_memory: 'memory', code_stack: 'stack', code_output: 'output' }[code]);
      expect(error.details.elapsedMs).toEqual(expect.any(Number));
    }
  });

  it('fails retriably when the process has no sandbox bound', async () => {
    const unbound = { clock: { now: () => new Date() }, http: () => Promise.reject(new Error('x')), emit: () => Promise.reject(new Error('x')) };
    const err = await codeNode.run!({
      node: { id: 'c', type: 'code', position: { x: 0, y: 0 }, config: { source: 'return 1' } },
      attempt: 1, idempotencyKey: 'r:c', scope, ports: unbound,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'code_unavailable', retriable: true });
  });
});

describe('config', () => {
  const schema = nodeRegistry.code.configSchema;

  it('defaults to a 1 s time limit, 64 MB of memory and no fetch', () => {
    expect(schema.parse({ source: 'return 1' })).toEqual({ source: 'return 1', timeoutMs: 1000, memoryMb: 64, allowFetch: false });
  });

  it.each([
    [{}, 'source'],
    [{ source: '' }, 'source'],
    [{ source: 'x'.repeat(100_001) }, 'source'],
    [{ source: 'return 1', timeoutMs: 0 }, 'timeoutMs'],
    [{ source: 'return 1', timeoutMs: 30_001 }, 'timeoutMs'],
    [{ source: 'return 1', timeoutMs: 1.5 }, 'timeoutMs'],
    [{ source: 'return 1', memoryMb: 8 }, 'memoryMb'],
    [{ source: 'return 1', memoryMb: 512 }, 'memoryMb'],
    [{ source: 'return 1', allowFetch: 'yes' }, 'allowFetch'],
  ])('refuses %j (%s)', (config, field) => {
    const parsed = schema.safeParse(config);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });

  it('fails the step with the config problem before running anything', async () => {
    const { error } = await runNode(sandbox, { source: 'return 1', timeoutMs: 60_000 });
    expect(error).toMatchObject({ code: 'config', retriable: false, message: expect.stringMatching(/^invalid config: config\.timeoutMs: /) });
  });
});
