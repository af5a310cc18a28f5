/**
 * What the sandbox provides besides the language itself: `console` and `fetch`, plus helpers the
 * thread uses to read results out. The prelude is JavaScript evaluated INSIDE QuickJS before the
 * user's code; it captures the builtins it needs first, so code that later replaces
 * `JSON.stringify` or `Array.prototype.join` only spoils its own output. Nothing here is trusted
 * by the host: every string that leaves the sandbox is type- and length-checked by the thread.
 */

export const PRELUDE_FILE = 'causeway:prelude';

const PRELUDE = `(function (hostLog, hostFetch, fetchAllowed, maxLogChars, maxErrorChars) {
  'use strict';
  const apply = Reflect.apply;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const toStr = String;
  const slice = String.prototype.slice;
  const join = Array.prototype.join;
  const freeze = Object.freeze;
  const TypeErr = TypeError;
  const getProto = Object.getPrototypeOf;
  const asyncFunctionProto = getProto(async function () {});

  const clip = (s, max) => (s.length > max ? apply(slice, s, [0, max]) + '…' : s);
  const text = (v) => {
    if (typeof v === 'string') return v;
    try { const s = stringify(v); if (s !== undefined) return s; } catch (e) {}
    try { return toStr(v); } catch (e) { return '[unprintable]'; }
  };
  const logger = (level) => function () {
    const parts = [];
    for (let i = 0; i < arguments.length; i++) parts.push(text(arguments[i]));
    hostLog(level, clip(apply(join, parts, [' ']), maxLogChars));
  };
  const console = freeze({
    log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug'),
  });

  const respond = (a) => {
    const body = a.body;
    return freeze({
      ok: a.status >= 200 && a.status < 300, status: a.status, headers: freeze(a.headers), body,
      json: async () => (typeof body === 'string' ? parse(body) : body),
      text: async () => (typeof body === 'string' ? body : stringify(body)),
    });
  };
  const fetch = async function fetch(resource, init) {
    if (!fetchAllowed) throw new TypeErr('fetch is not allowed in this code step (set allowFetch on the node to use it)');
    const o = init == null ? {} : init;
    const ask = stringify({
      url: toStr(resource),
      method: o.method === undefined ? 'GET' : toStr(o.method),
      headers: o.headers == null ? {} : o.headers,
      body: o.body,
    });
    const answer = parse(await hostFetch(ask));
    if (answer.error !== undefined) throw new TypeErr(answer.error);
    return respond(answer);
  };

  // The host reads a thrown value through this: one JSON string, never a live object.
  const describe = (e) => {
    if (e === null) return stringify({ null: true });
    const read = (k) => { try { const v = e[k]; return typeof v === 'string' ? clip(v, maxErrorChars) : undefined; } catch (x) { return undefined; } };
    if (e !== null && typeof e === 'object') {
      return stringify({ name: read('name'), message: read('message') ?? clip(text(e), maxErrorChars), stack: read('stack') });
    }
    return stringify({ message: clip(text(e), maxErrorChars) });
  };
  // The user's body is wrapped in an async function; anything else means it closed the wrapper itself.
  const isWrapper = (f) => typeof f === 'function' && getProto(f) === asyncFunctionProto;
  return { console, fetch, describe, stringify, isWrapper };
})`;

/**
 * Evaluates the prelude in `ctx`, installs `console` and `fetch` as globals and answers the
 * helpers `{ describe, stringify, isWrapper }` as handles owned by the caller.
 */
export function installPrelude(ctx, { hostLog, hostFetch, allowFetch, maxLogChars, maxErrorChars }) {
  const factory = ctx.unwrapResult(ctx.evalCode(PRELUDE, PRELUDE_FILE, { type: 'global', strict: true }));
  const args = [
    ctx.newFunction('log', hostLog),
    ctx.newFunction('fetch', hostFetch),
    allowFetch ? ctx.true : ctx.false,
    ctx.newNumber(maxLogChars),
    ctx.newNumber(maxErrorChars),
  ];
  const exportsHandle = ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined, args));
  factory.dispose();
  for (const a of args) a.dispose();
  for (const name of ['console', 'fetch']) {
    const value = ctx.getProp(exportsHandle, name);
    ctx.setProp(ctx.global, name, value);
    value.dispose();
  }
  const helpers = Object.fromEntries(['describe', 'stringify', 'isWrapper'].map((name) => [name, ctx.getProp(exportsHandle, name)]));
  exportsHandle.dispose();
  return helpers;
}
