/**
 * The functions the sandbox's prelude calls on the host: the console sink and the fetch ask.
 * Each reads only strings, checked for type and length before they are copied out.
 */

import { readString } from './marshal.mjs';

const FETCH_TIMEOUT_MARGIN_MS = 250;

export const MAX_LOG_CHARS = 8000;
const MAX_FETCH_ASK_CHARS = 1024 * 1024;

export function hostLog(state, levelHandle, messageHandle) {
  if (state.logs.full) return state.logs.drop();
  const level = readString(state.ctx, levelHandle, 16) ?? 'log';
  const message = readString(state.ctx, messageHandle, MAX_LOG_CHARS + 1);
  if (message === undefined) return state.logs.drop();
  state.logs.add(level, message);
}

export function hostFetch(state, askHandle) {
  const { ctx, task, clock } = state;
  if (!task.allowFetch) throw new TypeError('fetch is not allowed in this code step');
  if (++state.fetches > task.maxFetches) throw new TypeError(`a code step may call fetch at most ${task.maxFetches} times`);
  const text = readString(ctx, askHandle, MAX_FETCH_ASK_CHARS);
  if (text === undefined) throw new TypeError(`a fetch request may be at most ${MAX_FETCH_ASK_CHARS} characters of JSON`);
  const ask = normalizeAsk(JSON.parse(text));
  const deferred = ctx.newPromise();
  state.deferreds.add(deferred);
  // The host's own timeout runs a little past the step's limit, so that the limit (not the HTTP
  // timeout racing it) is what ends a run whose fetch has not answered in time.
  const answered = state.session.ask({ ...ask, timeoutMs: Math.max(1, clock.deadline - Date.now()) + FETCH_TIMEOUT_MARGIN_MS }).then((answer) => {
    if (state.closed) return;
    const value = ctx.newString(JSON.stringify(answer));
    try {
      deferred.resolve(value);
    } finally {
      value.dispose();
    }
  });
  state.inflight.add(answered);
  answered.finally(() => state.inflight.delete(answered)).catch(() => {});
  return deferred.handle;
}

function normalizeAsk(ask) {
  const headers = {};
  if (ask.headers && typeof ask.headers === 'object' && !Array.isArray(ask.headers)) {
    for (const [k, v] of Object.entries(ask.headers)) if (v !== undefined && v !== null) headers[k] = String(v);
  }
  return {
    url: String(ask.url),
    method: typeof ask.method === 'string' ? ask.method.toUpperCase() : 'GET',
    headers,
    ...(ask.body !== undefined && { body: ask.body }),
  };
}
