import { describe, expect, it } from 'vitest';
import { jsonDiff, jsonEqual } from '@/lib/shadow/json-diff';

describe('jsonDiff', () => {
  it('finds nothing between equal values, however deep', () => {
    expect(jsonDiff({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toEqual([]);
    expect(jsonEqual(0, -0)).toBe(true);
    expect(jsonEqual({ a: undefined }, {})).toBe(true);
  });

  it('names added, removed and changed paths', () => {
    expect(jsonDiff({ total: 25, items: [1, 2], who: 'a' }, { total: 25, vat: 5, items: [1], who: 'b' })).toEqual([
      { path: '$.items[1]', kind: 'removed', before: 2 },
      { path: '$.vat', kind: 'added', after: 5 },
      { path: '$.who', kind: 'changed', before: 'a', after: 'b' },
    ]);
  });

  it('quotes keys that are not identifiers and reports a change of kind as one change', () => {
    expect(jsonDiff({ 'a-b': 1 }, { 'a-b': 2 })).toEqual([{ path: '$["a-b"]', kind: 'changed', before: 1, after: 2 }]);
    expect(jsonDiff({ x: [1] }, { x: { 0: 1 } })).toEqual([{ path: '$.x', kind: 'changed', before: [1], after: { 0: 1 } }]);
    expect(jsonDiff(1, '1')).toEqual([{ path: '$', kind: 'changed', before: 1, after: '1' }]);
  });

  it('stops at the limit', () => {
    const a = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const b = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, -i - 1]));
    expect(jsonDiff(a, b, 10)).toHaveLength(10);
  });
});
