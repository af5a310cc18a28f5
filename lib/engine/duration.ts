/**
 * Durations used by `delay`, timeouts and retry delays: "250ms", "30s", "5m", "2h", "1d", "1w",
 * or a number of milliseconds. Decimals are allowed ("1.5h"); the result is whole milliseconds.
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION_RE = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/;
/** Ten years: far beyond any sensible wait, well inside what a Date can hold. */
export const MAX_DURATION_MS = 10 * 366 * 86_400_000;

export type DurationInput = string | number;

/** Milliseconds for a duration; throws a RangeError naming the bad input. */
export function parseDuration(input: DurationInput): number {
  const ms = durationOrNull(input);
  if (ms === null) {
    throw new RangeError(
      `invalid duration ${JSON.stringify(input)}: use a number of milliseconds or a string like "250ms", "30s", "5m", "2h", "1d"`,
    );
  }
  return ms;
}

/** Milliseconds for a duration, or null when the input is not one. */
export function durationOrNull(input: unknown): number | null {
  let ms: number;
  if (typeof input === 'number') {
    ms = input;
  } else if (typeof input === 'string') {
    const m = DURATION_RE.exec(input);
    if (!m) return null;
    ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  } else {
    return null;
  }
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) return null;
  return Math.round(ms);
}

export function isValidDuration(input: unknown): boolean {
  return durationOrNull(input) !== null;
}
