/** Immutable edits of a node's config by path, and the text forms of JSON-ish values. */

export type Path = ReadonlyArray<string | number>;

/** `target` with the value at `path` replaced; `undefined` removes an object key. */
export function setIn(target: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(target) ? [...target] : [];
    list[head] = setIn(list[head], rest, value);
    return list;
  }
  const obj = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  const next = setIn(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj;
}

export function getIn(target: unknown, path: Path): unknown {
  let at = target;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** How a JSON-or-template value is shown: templates and plain text as they are, JSON formatted. */
export function jsonText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
    } catch {
      return value; // text that is not JSON by itself (a template, a word) is shown bare
    }
  }
  return JSON.stringify(value, null, 2);
}

/** The value typed into a JSON-or-template field: JSON when it parses, else the text (a template). */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const pathKey = (path: Path) => path.join('.');
