import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSafeHttp, HttpTransportError, type SafeHttpRequest } from '../../../lib/net/safe-http';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import { routes } from './routes';

let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer(routes);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function post(path: string, headers: Record<string, string> = {}): SafeHttpRequest {
  return {
    method: 'POST',
    url: `${server.origin}${path}`,
    headers,
    body: { n: 1 },
    timeoutMs: 2_000,
    idempotencyKey: 'run-7:notify',
  };
}

const redirectTo = (status: number, to: string): string => `/redirect?status=${status}&to=${encodeURIComponent(to)}`;

describe('redirects', () => {
  const http = createSafeHttp({ allow: ['127.0.0.1/32', 'localhost'] });

  it.each([301, 302, 303])('%i after POST becomes GET without a body', async (status) => {
    const res = await http(post(redirectTo(status, '/echo')));
    const second = server.requests[1];
    expect(res.status).toBe(200);
    expect(second.method).toBe('GET');
    expect(second.body).toBe('');
    expect(second.headers['content-type']).toBeUndefined();
    expect(second.headers['idempotency-key']).toBe('run-7:notify');
  });

  it.each([307, 308])('%i repeats the method and body', async (status) => {
    await http(post(redirectTo(status, '/echo')));
    const second = server.requests[1];
    expect(second.method).toBe('POST');
    expect(JSON.parse(second.body)).toEqual({ n: 1 });
    expect(second.headers['content-type']).toBe('application/json');
  });

  it('drops credentials when the redirect changes origin, keeps them on the same origin', async () => {
    const headers = { Authorization: 'Bearer secret', Cookie: 'sid=1' };
    await http(post(redirectTo(307, '/echo'), headers));
    expect(server.requests[1].headers.authorization).toBe('Bearer secret');
    server.requests.length = 0;
    await http(post(redirectTo(307, `http://localhost:${server.port}/echo`), headers));
    expect(server.requests[1].headers.authorization).toBeUndefined();
    expect(server.requests[1].headers.cookie).toBeUndefined();
  });

  it('fails with too_many_redirects after maxRedirects hops', async () => {
    const limited = createSafeHttp({ allow: ['127.0.0.1/32'], maxRedirects: 3 });
    const err = await limited({ ...post('/loop'), method: 'GET', body: undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpTransportError);
    expect(err).toMatchObject({ code: 'too_many_redirects', retriable: false });
    expect(server.requests).toHaveLength(4);
  });

  it('follows up to the default of 5 redirects', async () => {
    let path = '/echo';
    for (let i = 0; i < 5; i++) path = redirectTo(302, path);
    const res = await http({ ...post(path), method: 'GET', body: undefined });
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(6);
  });

  it('returns a redirect without Location as the response', async () => {
    const res = await http({ ...post('/redirect?to='), method: 'GET', body: undefined });
    expect(res.status).toBe(302);
  });
});
