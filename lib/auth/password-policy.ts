/**
 * A password strength check in the spirit of NIST SP 800-63B: length over composition rules, and
 * refusal of the guessable: what is left after taking out common words (also in l33t spelling)
 * and runs of keys or digits must still be long, and the password must not contain the person's
 * own email name or name. Returns the problem in words, or null when the password is acceptable.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** Characters that must remain once the guessable parts are taken out. */
const MIN_REMAINING = 8;

const COMMON_WORDS = [
  'password', 'passwort', 'qwerty', 'letmein', 'welcome', 'admin', 'administrator', 'causeway', 'iloveyou', 'monkey',
  'dragon', 'football', 'baseball', 'sunshine', 'princess', 'secret', 'changeme', 'default', 'login', 'master', 'shadow',
  'superman', 'trustno', 'hello', 'freedom', 'whatever', 'starwars', 'summer', 'winter', 'spring', 'autumn',
];
const KEY_RUNS = ['01234567890', '09876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'azertyuiop'];
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '1': 'i', '!': 'i', '0': 'o', '$': 's', '5': 's', '7': 't' };

/** Drops (by position) the common words found in the l33t-decoded text. */
function withoutCommonWords(lower: string): string {
  const decoded = [...lower].map((c) => LEET[c] ?? c).join('');
  const keep = [...lower].map(() => true);
  for (const word of COMMON_WORDS) {
    for (let at = decoded.indexOf(word); at >= 0; at = decoded.indexOf(word, at + 1)) {
      for (let i = at; i < at + word.length; i++) keep[i] = false;
    }
  }
  return [...lower].filter((_, i) => keep[i]).join('');
}

/** Drops runs of 4 or more consecutive keys or digits (forwards or backwards). */
function withoutKeyRuns(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    let longest = 0;
    for (let k = 4; i + k <= s.length; k++) {
      const piece = s.slice(i, i + k);
      if (!KEY_RUNS.some((run) => run.includes(piece) || [...run].reverse().join('').includes(piece))) break;
      longest = k;
    }
    if (longest > 0) i += longest;
    else out += s[i++];
  }
  return out;
}

export function passwordProblem(password: string, person: { email?: string; name?: string } = {}): string | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (chars.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(chars).size < 6) return 'has too few different characters';
  if (/^[\d\s]*$/.test(password)) return 'must not be only digits';
  const lower = password.toLowerCase();
  const local = person.email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'must not contain your email address';
  const name = person.name?.trim().toLowerCase() ?? '';
  if (name.length >= 4 && lower.includes(name)) return 'must not contain your name';
  if ([...withoutKeyRuns(withoutCommonWords(lower))].length < MIN_REMAINING) {
    return 'is too easy to guess: mostly a common word or a run of keys or digits';
  }
  return null;
}
