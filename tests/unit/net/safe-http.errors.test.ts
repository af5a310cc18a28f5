import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeHttp, HttpTransportError, type SafeHttpRequest } from '../../../lib/net/safe-http';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import { routes } from './routes';

let server: LoopbackServer;
const http = createSafeHttp({ allow: ['127.0.0.1/32'], maxResponseBytes: 1024 });

beforeAll(async () => {
  server = await startLoopbackServer(routes);
});
afterAll(() => server.close());

function get(url: string, timeoutMs = 2_000): SafeHttpRequest {
  return { method: 'GET', url, headers: {}, timeoutMs, idempotencyKey: 'run-3:fetch' };
}

async function failure(promise: Promise<unknown>): Promise<HttpTransportError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpTransportError);
  return err as HttpTransportError;
}

function errnoError(code: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`getaddrinfo ${code} svc.test`);
  err.code = code;
  return err;
}

describe('transport errors', () => {
  it('times out waiting for the response headers (retriable)', async () => {
    const started = Date.now();
    const err = await failure(http(get(`${server.origin}/slow`, 200)));
    expect(err).toMatchObject({ code: 'timeout', retriable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('times out while the body is still arriving', async () => {
    const err = await failure(http(get(`${server.origin}/slow-body`, 200)));
    expect(err).toMatchObject({ code: 'timeout', retriable: true });
  });

  it('times out while DNS resolution hangs', async () => {
    const client = createSafeHttp({ allow: [], resolve: () => new Promise(() => undefined) });
    const err = await failure(client(get('http://svc.test/', 150)));
    expect(err).toMatchObject({ code: 'timeout', retriable: true });
  });

  it('refuses a response over maxResponseBytes, declared or streamed', async () => {
    for (const path of ['/big', '/big-chunked']) {
      const err = await failure(http(get(`${server.origin}${path}`)));
      expect(err).toMatchObject({ code: 'too_large', retriable: false });
    }
  });

  it('reports a refused connection as retriable', async () => {
    const gone = await startLoopbackServer(routes);
    await gone.close();
    const err = await failure(http(get(`${gone.origin}/echo`)));
    expect(err).toMatchObject({ code: 'connection', retriable: true });
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('treats ENOTFOUND as permanent and EAI_AGAIN as retriable', async () => {
    for (const [code, retriable] of [
      ['ENOTFOUND', false],
      ['EAI_AGAIN', true],
    ] as const) {
      const client = createSafeHttp({ allow: [], resolve: () => Promise.reject(errnoError(code)) });
      const err = await failure(client(get('http://svc.test/')));
      expect(err).toMatchObject({ code: 'connection', retriable });
    }
  });

  it.each(['not a url', 'http://', '//127.0.0.1/'])('rejects the malformed URL %j with bad_url', async (url) => {
    const err = await failure(http(get(url)));
    expect(err).toMatchObject({ code: 'bad_url', retriable: false });
  });

  it('rejects a non-positive timeout with bad_request', async () => {
    const err = await failure(http(get(`${server.origin}/echo`, 0)));
    expect(err).toMatchObject({ code: 'bad_request', retriable: false });
  });

  it('rejects an invalid header with bad_request', async () => {
    const err = await failure(http({ ...get(`${server.origin}/echo`), headers: { 'bad header': 'x' } }));
    expect(err).toMatchObject({ code: 'bad_request', retriable: false });
  });
});
