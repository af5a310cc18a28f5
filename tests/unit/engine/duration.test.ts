import { describe, expect, it } from 'vitest';
import { durationOrNull, isValidDuration, parseDuration } from '../../../lib/engine/duration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1.5h', 5_400_000],
    [' 10 s ', 10_000],
    [1500, 1500],
    [0, 0],
  ] as const)('%s is %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '30', 'soon', '5 minutes', '-5s', '1e3s', 'ms', '5mm'])('refuses %j', (input) => {
    expect(() => parseDuration(input)).toThrow(/invalid duration/);
    expect(isValidDuration(input)).toBe(false);
  });

  it('refuses negative, non-finite and absurdly long durations', () => {
    expect(durationOrNull(-1)).toBeNull();
    expect(durationOrNull(Number.NaN)).toBeNull();
    expect(durationOrNull(Number.POSITIVE_INFINITY)).toBeNull();
    expect(durationOrNull('100000d')).toBeNull();
    expect(durationOrNull(null)).toBeNull();
  });
});
