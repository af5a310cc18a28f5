import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSafeHttp, type SafeHttpRequest } from '../../../lib/net/safe-http';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import { routes } from './routes';

let server: LoopbackServer;
const http = createSafeHttp({ allow: ['127.0.0.1/32'] });

beforeAll(async () => {
  server = await startLoopbackServer(routes);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function request(path: string, extra: Partial<SafeHttpRequest> = {}): SafeHttpRequest {
  return {
    method: 'GET',
    url: `${server.origin}${path}`,
    headers: {},
    timeoutMs: 2_000,
    idempotencyKey: 'run-42:charge',
    ...extra,
  };
}

describe('request', () => {
  it('always sends the Idempotency-Key (overriding a caller value) and a User-Agent', async () => {
    await http(request('/echo', { headers: { 'idempotency-key': 'forged', 'X-Trace': 'abc' } }));
    const [received] = server.requests;
    expect(received.headers['idempotency-key']).toBe('run-42:charge');
    expect(received.headers['user-agent']).toMatch(/^Causeway\//);
    expect(received.headers['x-trace']).toBe('abc');
  });

  it('uses the configured User-Agent, and a caller header over it', async () => {
    const custom = createSafeHttp({ allow: ['127.0.0.1/32'], userAgent: 'causeway-test/1' });
    await custom(request('/echo'));
    await custom(request('/echo', { headers: { 'User-Agent': 'mine/2' } }));
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual(['causeway-test/1', 'mine/2']);
  });

  it('sends objects as JSON and parses a JSON response', async () => {
    const res = await http(request('/echo', { method: 'post', body: { orderId: 'o-1', items: [1, 2] } }));
    const [received] = server.requests;
    expect(received.method).toBe('POST');
    expect(received.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received.body)).toEqual({ orderId: 'o-1', items: [1, 2] });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ method: 'POST', body: '{"orderId":"o-1","items":[1,2]}' });
  });

  it('keeps a caller content-type for an object body and sends strings as is', async () => {
    await http(request('/echo', { method: 'PUT', body: [1], headers: { 'Content-Type': 'application/vnd.x+json' } }));
    await http(request('/echo', { method: 'POST', body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    await http(request('/echo', { method: 'POST', body: 'plain words' }));
    expect(server.requests.map((r) => [r.headers['content-type'], r.body])).toEqual([
      ['application/vnd.x+json', '[1]'],
      ['application/x-www-form-urlencoded', 'a=1&b=2'],
      ['text/plain; charset=utf-8', 'plain words'],
    ]);
  });

  it('refuses a body that cannot be serialized, without sending anything', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(http(request('/echo', { method: 'POST', body: circular }))).rejects.toMatchObject({
      code: 'bad_request',
      retriable: false,
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('response', () => {
  it('lower-cases header names and joins repeated headers', async () => {
    const text = await http(request('/text'));
    expect(text.headers['x-mixed-case']).toBe('yes');
    const cookies = await http(request('/cookies'));
    expect(cookies.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('decodes text, falls back to text for bad JSON, and base64 for binary', async () => {
    expect((await http(request('/text'))).body).toBe('héllo');
    expect((await http(request('/bad-json'))).body).toBe('{not json');
    expect((await http(request('/binary'))).body).toBe(Buffer.from([0, 1, 2, 255]).toString('base64'));
  });

  it('returns error statuses as ordinary responses', async () => {
    const res = await http(request('/fail'));
    expect(res).toMatchObject({ status: 503, body: { error: 'unavailable' } });
  });
});
