/**
 * Completions inside an expression: the names that can follow what is typed before the cursor,
 * read from the preview scope (`event`, `steps`, `run`, their fields) and JSONata's functions.
 */
export interface CompletionItem {
  label: string;
  detail: string;
  type: 'variable' | 'property' | 'function';
}

export interface Completions {
  /** Where the replaced word starts. */
  from: number;
  items: CompletionItem[];
}

export const JSONATA_FUNCTIONS = [
  '$abs', '$append', '$average', '$boolean', '$ceil', '$contains', '$count', '$distinct', '$each',
  '$exists', '$filter', '$floor', '$formatNumber', '$fromMillis', '$join', '$keys', '$length',
  '$lookup', '$lowercase', '$map', '$match', '$max', '$merge', '$millis', '$min', '$not', '$now',
  '$number', '$pad', '$reduce', '$replace', '$reverse', '$round', '$sift', '$sort', '$split',
  '$string', '$substring', '$substringAfter', '$substringBefore', '$sum', '$toMillis', '$trim',
  '$type', '$uppercase', '$zip',
];

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array (${value.length})`;
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
  if (value === undefined) return 'no sample yet';
  return String(value);
}

function resolve(scope: Record<string, unknown>, path: string[]): unknown {
  let at: unknown = scope;
  for (const part of path) {
    if (Array.isArray(at)) at = at[0];
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return Array.isArray(at) ? at[0] : at;
}

export function completionsAt(text: string, pos: number, scope: Record<string, unknown>): Completions | null {
  const token = /[\w$.]*$/.exec(text.slice(0, pos))?.[0] ?? '';
  if (token.startsWith('.') || /^\d/.test(token) || token.includes('..')) return null;
  const parts = token.split('.');
  const prefix = parts.pop() ?? '';
  const from = pos - prefix.length;
  if (parts.length === 0) {
    const names: CompletionItem[] = Object.keys(scope).map((k) => ({ label: k, detail: describe(scope[k]), type: 'variable' }));
    const functions: CompletionItem[] = prefix.startsWith('$')
      ? JSONATA_FUNCTIONS.map((f) => ({ label: f, detail: 'function', type: 'function' }))
      : [];
    const items = [...names, ...functions].filter((i) => i.label.startsWith(prefix) && i.label !== prefix);
    return items.length > 0 ? { from, items } : null;
  }
  const target = resolve(scope, parts);
  if (!target || typeof target !== 'object') return null;
  const items = Object.entries(target as Record<string, unknown>)
    .filter(([k]) => k.startsWith(prefix) && /^[A-Za-z_$][\w$]*$/.test(k))
    .map(([k, v]): CompletionItem => ({ label: k, detail: describe(v), type: 'property' }));
  return items.length > 0 ? { from, items } : null;
}
