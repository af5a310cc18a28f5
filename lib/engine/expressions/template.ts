/**
 * `{{ expr }}` templates in config values (SPEC §5). A string that is exactly one template
 * (whitespace around allowed) keeps the expression's type; otherwise each template's value is
 * written into the text (objects as JSON, null and undefined as nothing). Strings without a
 * complete `{{ … }}` are left as they are.
 */
import { evaluateExpression, type EvaluateOptions } from './evaluate';

export type TemplatePart = { text: string } | { expr: string; start: number };

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Index of a `{{` that is never closed (its text is kept literally). */
  unclosedAt?: number;
}

export function parseTemplate(s: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let textStart = 0;
  let unclosedAt: number | undefined;
  for (let open = s.indexOf('{{'); open >= 0; open = s.indexOf('{{', textStart)) {
    const close = findClose(s, open + 2);
    if (close < 0) {
      unclosedAt = open;
      break;
    }
    if (open > textStart) parts.push({ text: s.slice(textStart, open) });
    parts.push({ expr: s.slice(open + 2, close).trim(), start: open });
    textStart = close + 2;
  }
  if (textStart < s.length) parts.push({ text: s.slice(textStart) });
  return unclosedAt === undefined ? { parts } : { parts, unclosedAt };
}

/**
 * Index of the `}}` closing a template whose expression starts at `from`, skipping string
 * literals, `backtick names`, comments and the braces of object constructors, so that
 * `{{ {"a": {"b": 1}} }}` closes at the last `}}`. -1 when it is never closed.
 */
function findClose(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      i = skipString(s, i, c);
    } else if (c === '`') {
      i = s.indexOf('`', i + 1);
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? -1 : end + 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0 && s[i + 1] === '}') return i;
      if (depth > 0) depth--;
    }
    if (i < 0) return -1;
  }
  return -1;
}

function skipString(s: string, start: number, quote: string): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === quote) return i;
  }
  return -1;
}

/** The single expression when the string is exactly one template, else undefined. */
function wholeExpression(parsed: ParsedTemplate): string | undefined {
  const meaningful = parsed.parts.filter((p) => !('text' in p && p.text.trim() === ''));
  const only = meaningful[0];
  return meaningful.length === 1 && only && 'expr' in only ? only.expr : undefined;
}

export function stringifyTemplateValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return String(value);
}

export type RenderResult = { ok: true; value: unknown } | { ok: false; error: string };

async function renderString(s: string, scope: object, opts?: EvaluateOptions): Promise<RenderResult> {
  if (!s.includes('{{')) return { ok: true, value: s };
  const parsed = parseTemplate(s);
  const whole = wholeExpression(parsed);
  if (whole !== undefined) return withContext(whole, await evaluateExpression(whole, scope, opts));
  let out = '';
  for (const part of parsed.parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const result = withContext(part.expr, await evaluateExpression(part.expr, scope, opts));
    if (!result.ok) return result;
    out += stringifyTemplateValue(result.value);
  }
  return { ok: true, value: out };
}

function withContext(expr: string, result: RenderResult): RenderResult {
  return result.ok ? result : { ok: false, error: `in {{ ${expr} }}: ${result.error}` };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Renders every string in a value (deeply through arrays and plain objects); never throws. */
export async function renderTemplate(value: unknown, scope: object, opts?: EvaluateOptions): Promise<RenderResult> {
  if (typeof value === 'string') return renderString(value, scope, opts);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = await renderTemplate(item, scope, opts);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const r = await renderTemplate(item, scope, opts);
      if (!r.ok) return r;
      out[key] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

/** Every `{{ }}` expression in a value, deeply, in document order (for syntax validation). */
export function listTemplateExpressions(value: unknown): string[] {
  const out: string[] = [];
  walkStrings(value, (s) => {
    if (s.includes('{{')) for (const p of parseTemplate(s).parts) if ('expr' in p) out.push(p.expr);
  });
  return out;
}

/** Calls `visit` with every string in a value and the path to it (`a.b.0`). */
export function walkStrings(value: unknown, visit: (s: string, path: string[]) => void, path: string[] = []): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, visit, [...path, String(i)]));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walkStrings(v, visit, [...path, k]);
}
