import { describe, expect, it } from 'vitest';
import { parseEventsRequest } from '@/lib/events/ingest';
import { post, postJson, refusal, streamingRequest } from './requests';

const opts = { maxBytes: 256, generateId: () => 'generated' };

describe('parseEventsRequest, content types', () => {
  it('refuses text/plain with 415', async () => {
    const error = await refusal(parseEventsRequest(post('{"type":"a.b"}', { 'content-type': 'text/plain' }), opts));
    expect(error).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(error.message).toContain('"text/plain"');
  });

  it('refuses a request without a content type with 415', async () => {
    const request = post(new TextEncoder().encode('{"type":"a.b"}'));
    expect(request.headers.get('content-type')).toBeNull();
    const error = await refusal(parseEventsRequest(request, opts));
    expect(error).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(error.message).toContain('Content-Type is required');
  });

  it.each(['application/cloudevents+xml', 'application/xml', 'garbage'])('refuses %s with 415', async (type) => {
    const error = await refusal(parseEventsRequest(post('<x/>', { 'content-type': type }), opts));
    expect(error.status).toBe(415);
  });

  it('refuses by content type before reading the body', async () => {
    const { request, stats } = streamingRequest(Infinity, 64, { 'content-type': 'text/plain' });
    const error = await refusal(parseEventsRequest(request, opts));
    expect(error.status).toBe(415);
    expect(stats.pulls).toBe(0);
  });
});

describe('parseEventsRequest, size limit', () => {
  const big = { type: 'order.placed', data: 'x'.repeat(300) };

  it('refuses an oversized JSON body with 413', async () => {
    const error = await refusal(parseEventsRequest(postJson(big, 'application/json'), opts));
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('refuses an oversized streamed body without Content-Length, in binary mode', async () => {
    const { request, stats } = streamingRequest(Infinity, 100, {
      'ce-specversion': '1.0', 'ce-id': '1', 'ce-source': '/s', 'ce-type': 'a.b', 'content-type': 'text/plain',
    });
    const error = await refusal(parseEventsRequest(request, opts));
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(stats.pulls).toBe(3);
    expect(stats.cancelled).toBe(true);
  });

  it('refuses an oversized batch as a whole', async () => {
    const event = { specversion: '1.0', id: '1', source: '/s', type: 'a.b' };
    const request = postJson(Array.from({ length: 10 }, (_, i) => ({ ...event, id: `${i}` })), 'application/cloudevents-batch+json');
    const error = await refusal(parseEventsRequest(request, opts));
    expect(error.status).toBe(413);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const body = JSON.stringify({ type: 'order.placed', data: '' });
    const padded = body.slice(0, -2) + 'x'.repeat(256 - body.length) + body.slice(-2);
    expect(new TextEncoder().encode(padded).byteLength).toBe(256);
    const { events } = await parseEventsRequest(post(padded, { 'content-type': 'application/json' }), opts);
    expect(events[0]?.data).toBe('x'.repeat(256 - body.length));
  });
});
