/** Renaming a node renames what refers to it: `steps.<id>` in expressions and templates. */

function referencePattern(id: string): RegExp {
  return new RegExp(`(?<![\\w$.])steps\\.${id}(?![\\w$])`, 'g');
}

/** `value` with every `steps.<from>` made `steps.<to>`; the same object when nothing changed. */
export function renameStepReferences<T>(value: T, from: string, to: string): T {
  const pattern = referencePattern(from);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes(`steps.${from}`) ? v.replace(pattern, `steps.${to}`) : v;
    if (Array.isArray(v)) {
      const mapped = v.map(walk);
      return mapped.some((m, i) => m !== v[i]) ? mapped : v;
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      const mapped = entries.map(([k, x]) => [k, walk(x)] as const);
      return mapped.some(([, m], i) => m !== entries[i][1]) ? Object.fromEntries(mapped) : v;
    }
    return v;
  };
  return walk(value) as T;
}
