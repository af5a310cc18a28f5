/**
 * JSONata results as plain JSON-like values: its internal sequences (arrays carrying extra
 * flags) become ordinary arrays, so a value behaves the same whether it comes straight from
 * an evaluation or back from the database. A function is not a value.
 */
import { isJsonataFunction } from './values';

const MAX_NESTING = 1000;

type Plain = { ok: true; value: unknown } | { ok: false; error: string };

export function toPlainValue(value: unknown): Plain {
  if (isJsonataFunction(value)) {
    return { ok: false, error: 'the expression returned a function, not a value' };
  }
  try {
    return { ok: true, value: copy(value, 0) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function copy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_NESTING) throw new Error(`the result is nested deeper than ${MAX_NESTING} levels`);
  if (Array.isArray(value)) {
    return value.filter((v) => !isJsonataFunction(v)).map((v) => copy(v, depth + 1));
  }
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isJsonataFunction(v)) out[k] = copy(v, depth + 1);
  }
  return out;
}
