import { describe, expect, it } from 'vitest';
import {
  compileTypePattern,
  isValidEventType,
  isValidTypePattern,
  matchesTypePattern,
  typePatternToPostgresRegex,
} from '../../../lib/engine/type-pattern';

describe('event types and patterns', () => {
  it('accepts dot-separated words as types and refuses the rest', () => {
    expect(isValidEventType('order.placed')).toBe(true);
    expect(isValidEventType('com.example.order_v2-created')).toBe(true);
    for (const bad of ['', 'order.', '.order', 'order..placed', 'order.*', 'order placed', 'a/b', 42]) {
      expect(isValidEventType(bad), String(bad)).toBe(false);
    }
  });

  it('accepts * and ** as whole words only', () => {
    for (const ok of ['order.*', 'payment.**', '**', '*', 'a.**.z', '*.*', 'order.placed']) {
      expect(isValidTypePattern(ok), ok).toBe(true);
    }
    for (const bad of ['', 'order*', 'order.p*', 'a..b', '***', 'order.', 'a b']) {
      expect(isValidTypePattern(bad), bad).toBe(false);
    }
  });

  const cases: Array<[string, string, boolean]> = [
    ['order.placed', 'order.placed', true],
    ['order.placed', 'order.placedx', false],
    ['order.placed', 'Order.placed', false],
    ['order.*', 'order.placed', true],
    ['order.*', 'order', false],
    ['order.*', 'order.placed.v2', false],
    ['*', 'order', true],
    ['*', 'order.placed', false],
    ['payment.**', 'payment', true],
    ['payment.**', 'payment.captured', true],
    ['payment.**', 'payment.card.captured', true],
    ['payment.**', 'paymentx.captured', false],
    ['payment.**', 'order.payment', false],
    ['**', 'anything.at.all', true],
    ['**', 'x', true],
    ['a.**.z', 'a.z', true],
    ['a.**.z', 'a.b.c.z', true],
    ['a.**.z', 'a.b.c', false],
    ['a.**.z', 'z', false],
    ['**.failed', 'failed', true],
    ['**.failed', 'payment.card.failed', true],
    ['**.failed', 'payment.failed.retry', false],
    ['*.**.*', 'a', false],
    ['*.**.*', 'a.b', true],
    ['*.**.*', 'a.b.c.d', true],
    ['a.**.**.b', 'a.b', true],
    ['a.**.**.b', 'a.x.y.b', true],
    ['order.*.v1', 'order.placed.v1', true],
    ['order.*.v1', 'order.v1', false],
  ];

  it.each(cases)('%s against %s → %s', (pattern, type, expected) => {
    expect(matchesTypePattern(pattern, type)).toBe(expected);
    expect(compileTypePattern(pattern)(type)).toBe(expected);
  });

  it.each(cases)('the regex for %s agrees on %s', (pattern, type, expected) => {
    const regex = typePatternToPostgresRegex(pattern);
    expect(regex.startsWith('^') && regex.endsWith('$')).toBe(true);
    expect(new RegExp(regex).test(type)).toBe(expected);
  });

  it('agrees with the regex on every pattern × type combination', () => {
    const patterns = [...new Set(cases.map((c) => c[0]))];
    const types = [...new Set(cases.map((c) => c[1])), 'a.b.z', 'a.z.z', 'z.a', 'payment'];
    for (const p of patterns) {
      const re = new RegExp(typePatternToPostgresRegex(p));
      for (const t of types) expect(re.test(t), `${p} vs ${t}`).toBe(matchesTypePattern(p, t));
    }
  });

  it('escapes dots: a literal dot never matches another character', () => {
    const re = new RegExp(typePatternToPostgresRegex('order.placed'));
    expect(re.test('orderXplaced')).toBe(false);
    expect(typePatternToPostgresRegex('order.placed')).toBe('^order\\.placed$');
  });

  it('never matches an invalid type, and refuses to compile an invalid pattern', () => {
    expect(matchesTypePattern('**', 'a..b')).toBe(false);
    expect(matchesTypePattern('order*', 'order')).toBe(false);
    expect(() => compileTypePattern('order*')).toThrow(/invalid event type pattern/);
    expect(() => typePatternToPostgresRegex('a..b')).toThrow(/invalid event type pattern/);
  });

  it('caches compiled matchers', () => {
    expect(compileTypePattern('cache.*')).toBe(compileTypePattern('cache.*'));
  });
});
