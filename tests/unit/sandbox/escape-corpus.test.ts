/**
 * The escape corpus: payloads that broke node:vm, vm2 and n8n's sandboxes, run as real `code`
 * steps. Each must fail with a clear error and leave the host as it was: no file written, no
 * command run, no global or prototype changed, no environment variable read, and the sandbox
 * still answering the next step correctly.
 */
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSafeHttp } from '../../../lib/net/safe-http';
import { startLoopbackServer, type LoopbackServer } from '../net/loopback-server';
import { runNode, testSandbox, type Sandbox } from './helpers';

const SENTINEL = path.join(os.tmpdir(), `causeway-escape-${process.pid}-${Date.now()}`);
const CANARY = `canary-${Math.random().toString(36).slice(2)}`;
const PWN = `require('child_process').execSync('touch ${SENTINEL}')`;

interface Case {
  name: string;
  source: string;
  /** What the step's error message must say. */
  fails: RegExp;
  allowFetch?: boolean;
}

const corpus: Case[] = [
  // The classics of node:vm.
  { name: 'this.constructor.constructor', source: `return this.constructor.constructor('return process')().mainModule.${PWN}`, fails: /ReferenceError: 'process' is not defined/ },
  { name: 'Function("return globalThis") then process', source: `const g = Function('return globalThis')();\nreturn g.process.mainModule.${PWN}`, fails: /TypeError: cannot read property 'mainModule' of undefined \(line 2/ },
  { name: 'globalThis / global / self lookups', source: `const p = globalThis.process ?? globalThis.global?.process ?? globalThis.self?.process;\nreturn p.binding('spawn_sync')`, fails: /TypeError: cannot read property 'binding' of undefined/ },
  { name: 'arrow function constructor', source: `return (() => {}).constructor('return process')().exit(1)`, fails: /'process' is not defined/ },
  { name: 'async function constructor', source: `return await Object.getPrototypeOf(async function () {}).constructor('return process')()`, fails: /'process' is not defined/ },
  { name: 'generator function constructor', source: `return Object.getPrototypeOf(function* () {}).constructor('yield process')().next().value.pid`, fails: /'process' is not defined/ },
  { name: 'arguments.callee.caller', source: `function f() { return arguments.callee.caller.constructor('return process')(); }\nreturn f().pid`, fails: /TypeError/ },
  { name: 'constructor of the input objects', source: `return event.constructor.constructor('return process')().mainModule.${PWN}`, fails: /'process' is not defined/ },
  { name: 'constructor of console.log and fetch', source: `const F = console.log.constructor;\nF('return process')();\nreturn fetch.constructor('return process')()`, fails: /'process' is not defined \(line 2/ },
  { name: 'constructor of a thrown error', source: `try { null.x } catch (e) { return e.constructor.constructor('return process')().mainModule.${PWN} }`, fails: /'process' is not defined/ },
  // Module loading.
  { name: "import('fs')", source: `const fs = await import('fs');\nfs.writeFileSync('${SENTINEL}', 'x')`, fails: /could not load module 'fs'/ },
  { name: "import('node:child_process')", source: `const cp = await import('node:child_process');\ncp.execSync('touch ${SENTINEL}')`, fails: /could not load module 'node:child_process'/ },
  { name: "import of QuickJS's own std and os modules", source: `const std = await import('std');\nconst os = await import('os');\nreturn std.getenv('HOME') + os.exec(['touch', '${SENTINEL}'])`, fails: /could not load module 'std'/ },
  { name: "require('child_process')", source: `return ${PWN}`, fails: /ReferenceError: 'require' is not defined/ },
  { name: 'process.mainModule.require', source: `return process.mainModule.${PWN}`, fails: /'process' is not defined/ },
  { name: 'static import statement', source: `import fs from 'fs';\nreturn fs`, fails: /SyntaxError/ },
  // __proto__ / constructor reached through computed keys and template literals (n8n bypasses).
  { name: 'computed constructor key', source: `const k = ['con', 'structor'].join('');\nreturn ({})[k][k]('return process')().mainModule.${PWN}`, fails: /'process' is not defined/ },
  { name: 'template-literal constructor key', source: 'return ({})[`constructor`][`constructor`](`return process`)().mainModule', fails: /'process' is not defined/ },
  { name: 'computed __proto__ key', source: `const p = '__pro' + 'to__';\nreturn ({})[p][\`constructor\`][\`constructor\`]('return this')().process.exit(1)`, fails: /cannot read property 'exit' of undefined/ },
  { name: 'Reflect.get of constructor', source: `return Reflect.get(Reflect.get({}, 'constructor'), 'constructor')('return process')().pid`, fails: /'process' is not defined/ },
  { name: '__lookupGetter__ on __proto__', source: `const proto = ({}).__lookupGetter__('__proto__').call(console.log);\nreturn proto.constructor.constructor('return process')().pid`, fails: /'process' is not defined/ },
  // Network.
  { name: 'fetch without the allowance', source: `return await fetch('http://127.0.0.1:PORT/steal')`, fails: /fetch is not allowed in this code step/ },
  { name: 'fetch to loopback with the allowance', source: `const r = await fetch('http://127.0.0.1:PORT/steal');\nreturn r.status`, fails: /fetch GET http:\/\/127\.0\.0\.1:\d+\/steal failed: .*(block|refus|private|loopback)/i, allowFetch: true },
  { name: 'fetch to localhost by name with the allowance', source: `return (await fetch('http://localhost:PORT/steal')).status`, fails: /fetch GET http:\/\/localhost:\d+\/steal failed/, allowFetch: true },
  { name: 'fetch to the cloud metadata address', source: `return (await fetch('http://169.254.169.254/latest/meta-data/')).body`, fails: /fetch GET http:\/\/169\.254\.169\.254\/latest\/meta-data\/ failed/, allowFetch: true },
  { name: 'fetch of a file: URL', source: `return (await fetch('file:///etc/passwd')).body`, fails: /fetch GET file:\/\/\/etc\/passwd failed/, allowFetch: true },
  { name: 'XMLHttpRequest and WebSocket', source: `const x = new XMLHttpRequest();\nreturn x`, fails: /'XMLHttpRequest' is not defined/ },
  // The environment.
  { name: 'process.env', source: `return process.env.CAUSEWAY_ESCAPE_CANARY`, fails: /'process' is not defined/ },
  { name: "QuickJS std.getenv", source: `return std.getenv('CAUSEWAY_ESCAPE_CANARY')`, fails: /'std' is not defined/ },
  { name: 'Deno.env and Bun.env', source: `return Deno.env.get('CAUSEWAY_ESCAPE_CANARY') ?? Bun.env.CAUSEWAY_ESCAPE_CANARY`, fails: /'Deno' is not defined/ },
  { name: 'import.meta', source: `return import.meta.env`, fails: /SyntaxError/ },
  // n8n: CVE-2025-68613, the expression payload, as a code step.
  { name: 'n8n CVE-2025-68613 expression payload', source: `return (function () { return this.process.mainModule.require('child_process').execSync('id').toString() })()`, fails: /cannot read property 'mainModule' of undefined/ },
  // vm2 advisories.
  {
    name: 'vm2 CVE-2023-29017: Error.prepareStackTrace with an async function constructor',
    source: `Error.prepareStackTrace = (e, frames) => {\n  frames.constructor.constructor('return process')().mainModule.${PWN};\n};\nreturn await (async () => {}).constructor('return process')()`,
    fails: /'process' is not defined \(line 4/,
  },
  {
    name: 'vm2 CVE-2023-30547: host exception through a Proxy toString in handleException',
    source: `const err = new Error();\nerr.name = { toString: new Proxy(() => '', { apply(target, thiz, args) {\n  const process = args.constructor.constructor('return process')();\n  throw process.mainModule.${PWN}.toString();\n} }) };\ntry { err.stack; return String(err.name) } catch (stdout) { throw stdout }`,
    fails: /'process' is not defined \(line 3/,
  },
  {
    name: 'vm2 CVE-2023-37466: Promise @@species with a stack overflow',
    source: `async function fn() { (function stack() { new Error().stack; stack(); })(); }\nconst p = fn();\np.constructor = { [Symbol.species]: class FakePromise { constructor(executor) { executor((x) => x, (err) => err.constructor.constructor('return process')().mainModule.${PWN}); } } };\nreturn await p.then()`,
    // Building a stack at each of thousands of levels takes QuickJS long: the time limit may come first.
    fails: /(stack|time) limit (of \d+ ms )?exceeded/,
  },
  {
    name: 'vm2 CVE-2023-37903: nodejs.util.inspect.custom through WebAssembly',
    source: `const obj = { [Symbol.for('nodejs.util.inspect.custom')]: (depth, opt, inspect) => { inspect.constructor('return process')().mainModule.${PWN}; }, valueOf: undefined, constructor: undefined };\nawait WebAssembly.compileStreaming(obj);`,
    fails: /'WebAssembly' is not defined/,
  },
  {
    name: 'vm2 SandBreak CVE-2022-36067: replaced Error with prepareStackTrace',
    source: `globalThis.OldError = globalThis.Error;\ntry { Error = {} } catch (e) {}\nError = {};\nError.prepareStackTrace = (errStr, traces) => { traces.__proto__.constructor.constructor('return process')().mainModule.${PWN}; };\nconst { stack } = new OldError();\nreturn stack.constructor.constructor('return process')().pid`,
    fails: /'process' is not defined \(line 6/,
  },
  {
    name: 'vm2 GHSA-248r-7h7q-cr24: async generator yield* thenable capture of a host RangeError',
    source: `class E extends Error {}\nfunction so(d) { if (d > 0) so(d - 1); const e = new E(); e.stack; throw e; }\nasync function* helper() { yield* { [Symbol.asyncIterator]: () => ({ next: (v) => ({ value: v, done: false }), throw: (v) => ({ value: v, done: false }) }) }; }\nasync function doCatch(f) { const i = helper(); await i.next(); const v = await i.return({ then(r) { f(); r(); } }); return v.value; }\nfor (const depth of [10, 1000, 5000, 20000, 100000]) {\n  let e;\n  try { e = await doCatch(() => so(depth)); } catch (err) { throw new Error('the thenable rejected at depth ' + depth + ': nothing was captured'); }\n  if (e && e.name === 'RangeError' && !(e instanceof RangeError)) return e.constructor.constructor('return process')().mainModule.${PWN};\n}\nreturn 'no host error'`,
    fails: /the thenable rejected at depth 10: nothing was captured/,
  },
];

let sandbox: Sandbox;
let server: LoopbackServer;

function snapshotHost() {
  return {
    globals: Object.getOwnPropertyNames(globalThis).sort(),
    objectProto: Object.getOwnPropertyNames(Object.prototype).sort(),
    arrayProto: Object.getOwnPropertyNames(Array.prototype).sort(),
    functionProto: Object.getOwnPropertyNames(Function.prototype).sort(),
    env: { ...process.env },
    cwd: process.cwd(),
  };
}

beforeAll(async () => {
  process.env.CAUSEWAY_ESCAPE_CANARY = CANARY;
  server = await startLoopbackServer((_req, res) => res.end(JSON.stringify({ secret: CANARY })));
  // The same client the worker binds: no allow list, so the private-address block applies.
  sandbox = testSandbox({ http: createSafeHttp({ allow: [] }) });
});

afterAll(async () => {
  await sandbox?.close();
  await server?.close();
  delete process.env.CAUSEWAY_ESCAPE_CANARY;
  rmSync(SENTINEL, { force: true });
});

afterEach(async () => {
  // The sandbox still does its job after every attempt.
  const next = await runNode(sandbox, { source: 'return event.data.items.map((i) => i.sku).join("")' });
  expect(next.error).toBeUndefined();
  expect(next.outcome).toEqual({ kind: 'done', output: { result: 'AB', logs: [] } });
});

describe('the escape corpus', () => {
  it.each(corpus)('$name: fails clearly and leaves the host unharmed', async (c) => {
    const before = snapshotHost();
    const source = c.source.replaceAll('PORT', String(server.port));
    const { outcome, error } = await runNode(sandbox, { source, allowFetch: c.allowFetch ?? false });

    expect(outcome, 'the payload must not succeed').toBeUndefined();
    expect(error.name).toBe('NodeError');
    expect(error.message).toMatch(c.fails);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(CANARY);

    expect(existsSync(SENTINEL), 'a payload wrote to the host file system').toBe(false);
    expect(server.requests, 'a payload reached the loopback server').toHaveLength(0);
    expect(snapshotHost()).toEqual(before);
  });

  it('offers nothing on the global object beyond the language, console and fetch', async () => {
    const { outcome } = await runNode(sandbox, { source: 'return Object.getOwnPropertyNames(globalThis)' });
    const names = (outcome as { output: { result: string[] } }).output.result;
    for (const hostName of ['process', 'require', 'module', 'exports', 'Buffer', 'global', 'setTimeout', 'setInterval', 'setImmediate',
      'queueMicrotask', 'std', 'os', 'WebAssembly', 'XMLHttpRequest', 'WebSocket', 'Deno', 'Bun', 'importScripts', 'postMessage']) {
      expect(names, hostName).not.toContain(hostName);
    }
    expect(names).toEqual(expect.arrayContaining(['Object', 'JSON', 'Promise', 'console', 'fetch']));
  });

  it('does not let prototype pollution or replaced builtins survive into the next run', async () => {
    const polluted = await runNode(sandbox, {
      source: `Object.prototype.polluted = 'yes';
Array.prototype.map = () => 'hijacked';
JSON.stringify = () => '"hijacked"';
globalThis.leftover = 42;
console.log = () => { throw new Error('hijacked console'); };
return [1, 2].map((x) => x)`,
    });
    expect(polluted.outcome).toEqual({ kind: 'done', output: { result: 'hijacked', logs: [] } });

    const next = await runNode(sandbox, {
      source: `console.log('clean');
return { polluted: ({}).polluted ?? null, mapped: [1, 2].map((x) => x * 2), json: JSON.stringify({ a: 1 }), leftover: typeof leftover }`,
    });
    expect(next.outcome).toEqual({
      kind: 'done',
      output: { result: { polluted: null, mapped: [2, 4], json: '{"a":1}', leftover: 'undefined' }, logs: [{ level: 'log', message: 'clean' }] },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps __proto__ keys of the input and the output as plain data', async () => {
    const { outcome } = await runNode(sandbox, {
      source: `const parsed = JSON.parse('{"__proto__": {"isAdmin": true}}');
return { isAdmin: parsed.isAdmin ?? null, own: Object.keys(parsed), out: JSON.parse('{"__proto__": {"polluted": 1}}') }`,
    });
    const result = (outcome as { output: { result: Record<string, any> } }).output.result;
    expect(result.isAdmin).toBeNull();
    expect(result.own).toEqual(['__proto__']);
    expect(Object.keys(result.out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
