/**
 * CloudEvent type patterns (SPEC §3). A type is dot-separated words (`order.placed`); in a
 * pattern `*` matches exactly one word and `**` matches any number of words, zero included
 * (`order.*`, `payment.**`, `**`, `a.**.z`). So `payment.**` matches `payment` itself too.
 */

const WORD = '[A-Za-z0-9_-]+';
const WORD_RE = /^[A-Za-z0-9_-]+$/;
const MAX_TYPE_LENGTH = 255;

export function isValidEventType(type: unknown): type is string {
  return (
    typeof type === 'string' &&
    type.length > 0 &&
    type.length <= MAX_TYPE_LENGTH &&
    type.split('.').every((w) => WORD_RE.test(w))
  );
}

export function isValidTypePattern(pattern: unknown): pattern is string {
  return (
    typeof pattern === 'string' &&
    pattern.length > 0 &&
    pattern.length <= MAX_TYPE_LENGTH &&
    pattern.split('.').every((w) => w === '*' || w === '**' || WORD_RE.test(w))
  );
}

function segments(pattern: string): string[] {
  if (!isValidTypePattern(pattern)) {
    throw new RangeError(`invalid event type pattern ${JSON.stringify(pattern)}`);
  }
  // `**.**` means the same as `**`
  return pattern.split('.').filter((s, i, all) => !(s === '**' && all[i - 1] === '**'));
}

/** Word-by-word matcher (dynamic programming over pattern and type positions). */
function matchSegments(pat: string[], words: string[]): boolean {
  // reach[j] = the first i pattern segments can match the first j words
  let reach = words.map(() => false).concat(false);
  reach[0] = true;
  for (const seg of pat) {
    const next = reach.map(() => false);
    for (let j = 0; j <= words.length; j++) {
      if (!reach[j]) continue;
      if (seg === '**') {
        for (let k = j; k <= words.length; k++) next[k] = true;
        break;
      }
      if (j < words.length && (seg === '*' || seg === words[j])) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[words.length];
}

const cache = new Map<string, (type: string) => boolean>();
const CACHE_LIMIT = 1000;

/** A cached matcher for a pattern; throws a RangeError for an invalid pattern. */
export function compileTypePattern(pattern: string): (type: string) => boolean {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const pat = segments(pattern);
  const matcher = (type: string) => isValidEventType(type) && matchSegments(pat, type.split('.'));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, matcher);
  return matcher;
}

/** False (never throws) for an invalid pattern or type. */
export function matchesTypePattern(pattern: string, type: string): boolean {
  if (!isValidTypePattern(pattern)) return false;
  return compileTypePattern(pattern)(type);
}

/**
 * An anchored regular expression, in the syntax shared by PostgreSQL's `~` (ARE) and
 * JavaScript, matching exactly the types the pattern matches.
 */
export function typePatternToPostgresRegex(pattern: string): string {
  const pat = segments(pattern);
  if (pat.length === 1 && pat[0] === '**') return `^${WORD}(?:\\.${WORD})*$`;
  let out = '';
  let wordBefore = false; // has a word certainly been matched already (so the next needs a dot)?
  for (const seg of pat) {
    if (seg === '**') {
      // zero or more words: eat the dot on the side where a neighbour word sits
      out += wordBefore ? `(?:\\.${WORD})*` : `(?:${WORD}\\.)*`;
      continue;
    }
    const word = seg === '*' ? WORD : seg; // literal words hold only [A-Za-z0-9_-]
    out += (wordBefore ? '\\.' : '') + word;
    wordBefore = true;
  }
  return `^${out}$`;
}
