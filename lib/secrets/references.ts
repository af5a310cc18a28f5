/**
 * Which secrets a node config uses. A step only gets `secrets` in its scope (and its input and
 * output masked) when its config mentions `secrets` at all, so steps without secrets cost nothing.
 */
export function mentionsSecrets(config: unknown): boolean {
  return config !== undefined && JSON.stringify(config).includes('secrets');
}

const REFERENCE = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\.\s*`([^`]+)`|\[\s*["']([^"']+)["']\s*\])/g;

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** The names a config refers to literally (`secrets.NAME`, secrets.`NAME`, secrets["NAME"]). */
export function referencedSecrets(config: unknown): string[] {
  const names = new Set<string>();
  for (const text of strings(config, [])) for (const m of text.matchAll(REFERENCE)) names.add((m[1] ?? m[2] ?? m[3])!);
  return [...names];
}
