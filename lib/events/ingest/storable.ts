import { IngestError } from './errors';

/** Deeper JSON makes PostgreSQL's jsonb parser run out of stack (a 500 instead of a refusal). */
export const MAX_JSON_DEPTH = 512;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (such as "\\ud800")';
  return null;
}

/**
 * Refuses (400) a value PostgreSQL cannot store: NUL characters and unpaired surrogates in
 * strings or keys (valid JSON, but not valid text or jsonb), and nesting deeper than
 * MAX_JSON_DEPTH. Walks with an explicit stack, so deep input cannot overflow this one either.
 */
export function assertStorable(value: unknown, label: string): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      const problem = stringProblem(item);
      if (problem) throw new IngestError('invalid_encoding', `${label} ${problem}, which cannot be stored`);
    } else if (item !== null && typeof item === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        throw new IngestError('invalid_attribute', `${label} is nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
      if (Array.isArray(item)) {
        for (const child of item) stack.push([child, depth + 1]);
      } else {
        for (const [key, child] of Object.entries(item)) {
          const problem = stringProblem(key);
          if (problem) throw new IngestError('invalid_encoding', `${label} has a key that ${problem}, which cannot be stored`);
          stack.push([child, depth + 1]);
        }
      }
    }
  }
}
