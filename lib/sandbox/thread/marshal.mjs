/**
 * Values in and out of a QuickJS context. Only JSON text crosses: the input is parsed inside the
 * sandbox, the output is stringified inside it and checked here before it is copied out.
 */

/** A string handle's text, or undefined when it is not a string or longer than `maxChars`. */
export function readString(ctx, handle, maxChars) {
  const length = stringLength(ctx, handle);
  if (length === undefined || length > maxChars) return undefined;
  return ctx.getString(handle);
}

/** The length (UTF-16 units) of a string handle, read without copying it; undefined for non-strings. */
export function stringLength(ctx, handle) {
  if (ctx.typeof(handle) !== 'string') return undefined;
  const length = ctx.getProp(handle, 'length');
  try {
    return ctx.getNumber(length);
  } finally {
    length.dispose();
  }
}

/** `JSON.parse(json)` inside the context: `{ value }` or `{ thrown }` (handles owned by the caller). */
export function parseInside(ctx, json) {
  const JSONh = ctx.getProp(ctx.global, 'JSON');
  const parse = ctx.getProp(JSONh, 'parse');
  const text = ctx.newString(json);
  const r = ctx.callFunction(parse, JSONh, [text]);
  text.dispose();
  parse.dispose();
  JSONh.dispose();
  return r.error ? { thrown: r.error } : { value: r.value };
}

const outputFailure = (message) => ({ failure: { kind: 'output', message } });

/**
 * The returned value as JSON text: `{ json }`, `{ thrown }` when stringifying threw (a limit,
 * a circular structure, a BigInt, a throwing toJSON), or `{ failure }` when it is not JSON or too large.
 */
export function serializeOutput(ctx, stringify, value, maxOutputBytes) {
  const type = ctx.typeof(value);
  if (type === 'undefined') return { json: 'null' };
  if (type === 'function' || type === 'symbol') return outputFailure(`the code returned a ${type}, which is not JSON`);
  const r = ctx.callFunction(stringify, ctx.undefined, [value]);
  if (r.error) return { thrown: r.error };
  const text = r.value;
  try {
    if (ctx.typeof(text) === 'undefined') return { json: 'null' };
    const length = stringLength(ctx, text);
    if (length === undefined) return outputFailure('the returned value could not be turned into JSON');
    // Each UTF-16 unit is at least one byte of UTF-8: a longer string is over the limit for sure.
    if (length > maxOutputBytes) return outputFailure(tooLarge(length, maxOutputBytes, 'at least '));
    const json = ctx.getString(text);
    const bytes = Buffer.byteLength(json);
    if (bytes > maxOutputBytes) return outputFailure(tooLarge(bytes, maxOutputBytes, ''));
    return { json };
  } finally {
    text.dispose();
  }
}

function tooLarge(bytes, limit, qualifier) {
  return `the returned value is ${qualifier}${bytes} bytes of JSON, over the limit of ${limit} bytes`;
}
