import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSafeHttp, HttpBlockedError, type SafeHttpRequest } from '../../../lib/net/safe-http';
import { spyOnConnections } from './connect-spy';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import { routes } from './routes';

let server: LoopbackServer;
let spy: ReturnType<typeof spyOnConnections>;

beforeAll(async () => {
  server = await startLoopbackServer(routes);
});
afterAll(() => server.close());
afterEach(() => {
  spy?.restore();
  server.requests.length = 0;
});

function get(url: string): SafeHttpRequest {
  return { method: 'GET', url, headers: {}, timeoutMs: 2_000, idempotencyKey: 'run-1:step-1' };
}

describe('address policy on the real connection', () => {
  it('refuses a loopback IP literal without an allow list, before opening a socket', async () => {
    spy = spyOnConnections();
    const http = createSafeHttp({ allow: [] });
    const err = await http(get(`${server.origin}/echo`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpBlockedError);
    expect(err).toMatchObject({ code: 'http_blocked', retriable: false });
    expect(spy.hosts()).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses IPv6 loopback and IPv4-mapped loopback literals without an allow list', async () => {
    spy = spyOnConnections();
    const http = createSafeHttp({ allow: [] });
    for (const host of ['[::1]', '[::ffff:127.0.0.1]', '0.0.0.0', '2130706433']) {
      await expect(http(get(`http://${host}:${server.port}/echo`)), host).rejects.toBeInstanceOf(HttpBlockedError);
    }
    expect(spy.hosts()).toEqual([]);
  });

  it('connects when 127.0.0.1/32 is allowed', async () => {
    const http = createSafeHttp({ allow: ['127.0.0.1/32'] });
    const res = await http(get(`${server.origin}/echo`));
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a host name that resolves to loopback (localhost) without an allow list', async () => {
    const http = createSafeHttp({ allow: [] });
    const err = await http(get(`http://localhost:${server.port}/echo`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpBlockedError);
    expect((err as Error).message).toMatch(/resolves to 127\.0\.0\.1/);
    expect(server.requests).toHaveLength(0);
  });

  it('admits localhost by host name (case-insensitive) or by its resolved address', async () => {
    const byName = createSafeHttp({ allow: ['LocalHost'] });
    expect((await byName(get(`http://localhost:${server.port}/echo`))).status).toBe(200);
    const byAddress = createSafeHttp({ allow: ['127.0.0.1/32'] });
    expect((await byAddress(get(`http://localhost:${server.port}/echo`))).status).toBe(200);
  });

  it('refuses a host name if any one of its addresses is blocked', async () => {
    const http = createSafeHttp({
      allow: ['127.0.0.1/32'],
      resolve: async () => [
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
    });
    const err = await http(get(`http://mixed.test:${server.port}/echo`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpBlockedError);
    expect((err as Error).message).toMatch(/10\.0\.0\.5/);
    expect(server.requests).toHaveLength(0);
  });

  it('re-resolves and re-checks on every hop (DNS rebinding between hops)', async () => {
    const answers = ['127.0.0.1', '169.254.169.254'];
    const http = createSafeHttp({
      allow: ['127.0.0.1/32'],
      resolve: async () => [{ address: answers.shift() ?? '169.254.169.254', family: 4 }],
    });
    const err = await http(get(`http://flip.test:${server.port}/redirect?to=/echo`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpBlockedError);
    expect((err as Error).message).toMatch(/169\.254\.169\.254/);
    expect(server.requests.map((r) => r.url)).toEqual(['/redirect?to=/echo']);
  });

  it('refuses metadata host names before any lookup', async () => {
    let lookups = 0;
    const http = createSafeHttp({
      allow: [],
      resolve: async () => {
        lookups++;
        return [{ address: '8.8.8.8', family: 4 }];
      },
    });
    for (const url of ['http://metadata.google.internal/computeMetadata/v1/', 'http://METADATA.google.internal./']) {
      await expect(http(get(url))).rejects.toBeInstanceOf(HttpBlockedError);
    }
    expect(lookups).toBe(0);
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/x', 'gopher://127.0.0.1:70/', 'data:text/plain,hi'])(
    'refuses the non-http scheme of %s even when the host is allowed',
    async (url) => {
      const http = createSafeHttp({ allow: ['127.0.0.1/32'] });
      await expect(http(get(url))).rejects.toMatchObject({ code: 'http_blocked' });
    },
  );
});

describe('redirects to refused targets', () => {
  const targets = (port: number): string[] => [
    `http://127.0.0.2:${port}/echo`,
    `http://[::1]:${port}/echo`,
    `http://[::ffff:127.0.0.2]:${port}/echo`,
    `http://[::ffff:a9fe:a9fe]/`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://metadata.google.internal/',
    'file:///etc/passwd',
  ];

  it('refuses every hop to a blocked address without connecting to it', async () => {
    const http = createSafeHttp({ allow: ['127.0.0.1/32'] });
    for (const target of targets(server.port)) {
      spy = spyOnConnections();
      server.requests.length = 0;
      const url = `${server.origin}/redirect?to=${encodeURIComponent(target)}`;
      const err = await http(get(url)).catch((e: unknown) => e);
      expect(err, target).toBeInstanceOf(HttpBlockedError);
      expect(spy.hosts(), target).toEqual(['127.0.0.1']);
      expect(server.requests, target).toHaveLength(1);
      spy.restore();
    }
  });
});
