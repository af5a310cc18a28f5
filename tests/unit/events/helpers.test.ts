import { describe, expect, it } from 'vitest';
import { isBase64, toBase64 } from '@/lib/events/ingest/base64';
import { isValidEventType } from '@/lib/engine/type-pattern';
import { isJsonMediaType, parseMediaType } from '@/lib/events/ingest/media-type';
import { percentDecodeHeader } from '@/lib/events/ingest/percent-decode';
import { normaliseRfc3339 } from '@/lib/events/ingest/time';

describe('normaliseRfc3339', () => {
  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01t12:00:00z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00.5+01:00', '2024-05-01T11:00:00.500Z'],
    ['2024-05-01T00:30:00.123456789-00:45', '2024-05-01T01:15:00.123Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('normalises %s', (input, expected) => {
    expect(normaliseRfc3339(input)).toBe(expected);
  });

  it.each([
    '2023-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T24:00:00Z',
    '2024-05-01T12:60:00Z', '2024-05-01T12:00:60Z', '2024-05-01T12:00:00', '2024-05-01 12:00:00Z',
    '2024-05-01T12:00:00+0100', '2024-05-01T12:00:00.Z', 'May 1 2024', '',
  ])('refuses %j', (input) => {
    expect(normaliseRfc3339(input)).toBeNull();
  });
});

describe('isValidEventType', () => {
  it.each(['order.placed', 'a', 'payment_v2.captured-late', 'A.B.C'])('accepts %s', (type) => {
    expect(isValidEventType(type)).toBe(true);
  });
  it.each(['', '.', 'a..b', 'a.', '.a', 'a b', 'a.*', 'a/b'])('refuses %j', (type) => {
    expect(isValidEventType(type)).toBe(false);
  });
});

describe('parseMediaType', () => {
  it('lowercases the essence and parameter names and unquotes values', () => {
    expect(parseMediaType('Application/CloudEvents+JSON ; Charset="utf-8"; q=1')).toEqual({
      essence: 'application/cloudevents+json',
      params: { charset: 'utf-8', q: '1' },
    });
  });
  it.each(['', 'json', 'a/b c', 'a/b; charset', 'a/b; =x'])('refuses %j', (value) => {
    expect(parseMediaType(value)).toBeNull();
  });
  it('knows JSON media types', () => {
    expect(isJsonMediaType(parseMediaType('application/problem+json')!)).toBe(true);
    expect(isJsonMediaType(parseMediaType('application/jsonl')!)).toBe(false);
  });
});

describe('percentDecodeHeader', () => {
  it('decodes percent-encoded UTF-8 and leaves other characters alone', () => {
    expect(percentDecodeHeader('caf%C3%A9 %F0%9F%98%80 a+b', 'h')).toBe('café 😀 a+b');
  });
  it('decodes raw UTF-8 octets that arrived as Latin-1 characters', () => {
    expect(percentDecodeHeader('caf\u00c3\u00a9', 'h')).toBe('café');
  });
  it('names the header when refusing', () => {
    expect(() => percentDecodeHeader('%zz', 'header "ce-x"')).toThrow(/^header "ce-x" has a bad percent-encoding/);
  });
});

describe('base64', () => {
  it('round-trips bytes across chunk boundaries', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => i % 256);
    const encoded = toBase64(bytes);
    expect(isBase64(encoded)).toBe(true);
    expect(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0))).toEqual(bytes);
  });
  it.each(['', 'AA==', 'AAA=', 'AAAA'])('accepts %j', (value) => expect(isBase64(value)).toBe(true));
  it.each(['A', 'AA', 'A===', 'AA=A', 'AA-_'])('refuses %j', (value) => expect(isBase64(value)).toBe(false));
});
