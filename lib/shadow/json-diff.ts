/** A structural diff of two JSON values: what was added, removed or changed, by path. Pure. */

export interface JsonChange {
  /** `$` for the whole value, then `.key` and `[index]` steps (keys that are not identifiers are quoted). */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyStep = (key: string) => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/** The changes from `before` to `after`, at most `limit` of them (a change of a whole subtree counts once). */
export function jsonDiff(before: unknown, after: unknown, limit = 100): JsonChange[] {
  const out: JsonChange[] = [];
  walk(before, after, '$', out, limit);
  return out;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  return jsonDiff(a, b, 1).length === 0;
}

function walk(a: unknown, b: unknown, path: string, out: JsonChange[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n && out.length < limit; i++) {
      if (i >= a.length) out.push({ path: `${path}[${i}]`, kind: 'added', after: b[i] });
      else if (i >= b.length) out.push({ path: `${path}[${i}]`, kind: 'removed', before: a[i] });
      else walk(a[i], b[i], `${path}[${i}]`, out, limit);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      if (out.length >= limit) return;
      const inA = Object.prototype.hasOwnProperty.call(a, key) && a[key] !== undefined;
      const inB = Object.prototype.hasOwnProperty.call(b, key) && b[key] !== undefined;
      if (inA && !inB) out.push({ path: path + keyStep(key), kind: 'removed', before: a[key] });
      else if (!inA && inB) out.push({ path: path + keyStep(key), kind: 'added', after: b[key] });
      else if (inA && inB) walk(a[key], b[key], path + keyStep(key), out, limit);
    }
    return;
  }
  if (!Object.is(normalise(a), normalise(b))) out.push({ path, kind: 'changed', before: a, after: b });
}

/** JSON has one null and no undefined, and -0 is 0. */
function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v === 0) return 0;
  return v;
}
