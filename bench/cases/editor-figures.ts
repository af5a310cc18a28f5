import type { FigureInput, Target } from '../figures';

// How the JSON that bench/editor.ts prints becomes figures, whatever its exact shape.

/** The JSON value at the end of `output` (one line or pretty-printed over several). */
export function lastJson(output: string): unknown {
  const lines = output.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!/^\s*[[{]/.test(lines[i])) continue;
    try { return JSON.parse(lines.slice(i).join('\n')); } catch { /* an opening line further up */ }
  }
  return undefined;
}

function unitFor(key: string): string {
  if (/fps/i.test(key)) return 'fps';
  if (/ms$|Ms$|_ms|millis/i.test(key)) return 'ms';
  if (/(^|[^a-z])s$|seconds/i.test(key)) return 's';
  return '';
}

/** Issue 6: interactive in <= 1.5 s, >= 50 fps while dragging (not for baselines or first, cold loads). */
function targetFor(key: string, unit: string): Target | undefined {
  if (/baseline|first|cold|p95/i.test(key)) return undefined;
  if (unit === 'fps') return { op: '>=', value: 50 };
  if (/open|interactive|load|tti/i.test(key) && unit === 'ms') return { op: '<=', value: 1_500 };
  return undefined;
}

/**
 * Orders the figures so that baselines come first, and links `X` to `baseline_X` when the editor
 * benchmark printed both (its own convention).
 */
export function withBaselines(figures: FigureInput[]): FigureInput[] {
  const ids = new Set(figures.map((f) => f.id));
  const isBaseline = (f: FigureInput) => /(^|\.)baseline_/.test(f.id);
  const linked = figures.filter((f) => !isBaseline(f)).map((f) => {
    const candidate = f.id.replace(/^editor\./, 'editor.baseline_');
    return ids.has(candidate) ? { ...f, baselineId: candidate } : f;
  });
  return [...figures.filter(isBaseline), ...linked];
}

/** Turns what bench/editor.ts printed into figures: a list of { id|name|figure, value, unit } or an object of numbers. */
export function editorFigures(printed: unknown): FigureInput[] {
  const figures: FigureInput[] = [];
  if (Array.isArray(printed)) {
    for (const item of printed as Record<string, unknown>[]) {
      const name = String(item.id ?? item.name ?? item.figure ?? item.label ?? `figure ${figures.length + 1}`);
      if (typeof item.value !== 'number') continue;
      const unit = typeof item.unit === 'string' ? item.unit : unitFor(name);
      figures.push({ id: `editor.${name}`, label: String(item.label ?? name), value: item.value, unit, target: targetFor(name, unit) });
    }
    return figures;
  }
  const walk = (value: unknown, keys: string[]) => {
    if (typeof value === 'number') {
      const name = keys.join('.');
      const unit = unitFor(keys[keys.length - 1]);
      figures.push({ id: `editor.${name}`, label: `editor ${name}`, value, unit, target: targetFor(name, unit) });
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...keys, k]);
    }
  };
  walk(printed, []);
  return figures;
}
