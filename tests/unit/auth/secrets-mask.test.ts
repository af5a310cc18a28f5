import { describe, expect, it } from 'vitest';
import { maskError, maskSecrets } from '@/lib/secrets/mask';
import { mentionsSecrets, referencedSecrets } from '@/lib/secrets/references';

const secrets = new Map([['TOKEN', 'tok_live_9f8e7d6c'], ['PASS', 'p&ss w/rd"x'], ['PIN', '123']]);

describe('masking secrets', () => {
  it('replaces every occurrence, deep in objects, arrays and keys', () => {
    const out = maskSecrets({
      status: 200,
      headers: { authorization: 'Bearer tok_live_9f8e7d6c', 'x-echo': 'tok_live_9f8e7d6c,tok_live_9f8e7d6c' },
      body: { list: ['a', 'tok_live_9f8e7d6c'], tok_live_9f8e7d6c: true, n: 5, nil: null },
    }, secrets);
    expect(out).toEqual({
      status: 200,
      headers: { authorization: 'Bearer [secret:TOKEN]', 'x-echo': '[secret:TOKEN],[secret:TOKEN]' },
      body: { list: ['a', '[secret:TOKEN]'], '[secret:TOKEN]': true, n: 5, nil: null },
    });
    expect(JSON.stringify(out)).not.toContain('tok_live');
  });

  it('masks inside null-prototype objects (response headers are made that way)', () => {
    const headers: Record<string, string> = Object.create(null);
    headers['x-echo'] = 'tok_live_9f8e7d6c';
    expect(maskSecrets({ headers }, secrets)).toEqual({ headers: { 'x-echo': '[secret:TOKEN]' } });
  });

  it('finds a secret URL-encoded (in a URL) and JSON-escaped (in a body kept as text)', () => {
    const url = `https://api.example.com/x?p=${encodeURIComponent('p&ss w/rd"x')}`;
    const text = JSON.stringify({ password: 'p&ss w/rd"x' });
    const inserted = new URL('https://api.example.com/x?p=p&ss w/rd"x').href;
    const out = maskSecrets({ url, text, inserted }, secrets);
    expect(out.url).toBe('https://api.example.com/x?p=[secret:PASS]');
    expect(out.inserted).toBe('https://api.example.com/x?p=[secret:PASS]');
    expect(out.text).toBe('{"password":"[secret:PASS]"}');
  });

  it('leaves values too short to mask safely, other types and an empty set alone', () => {
    const value = { code: '1234', n: 123, when: new Date(0) };
    expect(maskSecrets(value, secrets)).toEqual(value);
    expect(maskSecrets(value, new Map())).toBe(value);
  });

  it('masks a thrown error’s message and details and keeps its retry facts', () => {
    const err = Object.assign(new Error('GET https://x/?key=tok_live_9f8e7d6c failed'), { code: 'http_network', retriable: true, details: { body: 'tok_live_9f8e7d6c' } });
    expect(maskError(err, secrets)).toEqual({ message: 'GET https://x/?key=[secret:TOKEN] failed', code: 'http_network', retriable: true, details: { body: '[secret:TOKEN]' } });
    expect(maskError('plain tok_live_9f8e7d6c', secrets)).toBe('plain [secret:TOKEN]');
  });
});

describe('finding secret references in a config', () => {
  it('names the secrets a config uses literally', () => {
    const config = { url: 'https://x/{{ secrets.API_URL }}', headers: { a: 'Bearer {{secrets.TOKEN}}', b: '{{ secrets["OTHER_ONE"] }}', c: '{{ secrets.`WEIRD` }}' } };
    expect(referencedSecrets(config).sort()).toEqual(['API_URL', 'OTHER_ONE', 'TOKEN', 'WEIRD']);
    expect(mentionsSecrets(config)).toBe(true);
  });

  it('does not load secrets for a config that never mentions them', () => {
    expect(mentionsSecrets({ url: 'https://x', expression: 'event.data' })).toBe(false);
    expect(mentionsSecrets(undefined)).toBe(false);
    expect(referencedSecrets({ expression: '$lookup(secrets, "X")' })).toEqual([]);
  });
});
