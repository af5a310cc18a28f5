import { describe, expect, it } from 'vitest';
import { readBodyLimited } from '@/lib/events/ingest';
import { post, refusal, streamingRequest } from './requests';

describe('readBodyLimited', () => {
  it('returns the whole body when it is within the limit', async () => {
    const bytes = await readBodyLimited(post('hello'), 5);
    expect(new TextDecoder().decode(bytes)).toBe('hello');
  });

  it('returns an empty array for a request without a body', async () => {
    const bytes = await readBodyLimited(new Request('http://localhost/', { method: 'POST' }), 10);
    expect(bytes.byteLength).toBe(0);
  });

  it('concatenates a streamed body across chunks', async () => {
    const { request } = streamingRequest(4, 3);
    const bytes = await readBodyLimited(request, 12);
    expect(new TextDecoder().decode(bytes)).toBe('aaaaaaaaaaaa');
  });

  it('refuses with 413 from Content-Length without reading the body', async () => {
    const { request, stats } = streamingRequest(1, 10, { 'content-length': '5000' });
    const error = await refusal(readBodyLimited(request, 100));
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(stats.pulls).toBe(0);
  });

  it('refuses with 413 as soon as a stream without Content-Length passes the limit', async () => {
    const { request, stats } = streamingRequest(Infinity, 1024);
    const error = await refusal(readBodyLimited(request, 10_000));
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(error.message).toContain('10000 bytes');
    expect(stats.pulls).toBe(10);
    expect(stats.cancelled).toBe(true);
  });

  it('refuses a body one byte over the limit', async () => {
    const error = await refusal(readBodyLimited(post('abcdef'), 5));
    expect(error.status).toBe(413);
  });

  it('does not trust a Content-Length that understates the body', async () => {
    const { request } = streamingRequest(3, 10, { 'content-length': '5' });
    const error = await refusal(readBodyLimited(request, 20));
    expect(error.status).toBe(413);
  });
});
