/** Shared helpers for tests/integration/hooks-*.test.ts and ingest-*.test.ts. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { apiRoutes, callApi, type ApiResponse } from '../setup/api';
import type { TestContext } from '../setup/context';

export const TEST_SECRET = 'causeway-test-secret-0123456789';

export async function createHook(body: Record<string, unknown>): Promise<{ id: string; url: string; secret: string | null; [k: string]: any }> {
  const res = await callApi('POST', '/api/hooks', { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A delivery to a public endpoint, with no API key, as a sender sends it. */
export function deliver(hookId: string, body: string | Uint8Array, headers: Record<string, string>): Promise<ApiResponse> {
  return callApi('POST', `/api/hooks/${hookId}`, { raw: body as BodyInit, headers, auth: null });
}

/** Jobs waiting, delayed or active on every queue of the context's prefix. */
export async function jobCount(ctx: TestContext): Promise<number> {
  let total = 0;
  for (const name of ['events', 'steps', 'schedules'] as const) {
    const counts = await ctx.services.queues.queue(name).getJobCounts('wait', 'delayed', 'active', 'prioritized', 'waiting-children');
    total += Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return total;
}

export async function rows(ctx: TestContext, table: 'events' | 'runs' | 'hook_deliveries' | 'hooks', where = '', params: unknown[] = []): Promise<number> {
  const { rows: found } = await ctx.services.database.pool.query(`select count(*)::int as n from ${table} ${where ? `where ${where}` : ''}`, params);
  return found[0].n as number;
}

/** Everything a refused delivery must leave untouched. */
/** The audit trail records the test's own set-up (creating endpoints), so it is left out of "stored". */
export async function storedState(ctx: TestContext) {
  return { events: await rows(ctx, 'events', `source <> '/audit'`), runs: await rows(ctx, 'runs'), jobs: await jobCount(ctx) };
}

export async function lastDelivery(ctx: TestContext, hookId: string) {
  const { rows: found } = await ctx.services.database.pool.query(
    'select * from hook_deliveries where hook_id = $1 order by id desc limit 1', [hookId]);
  return found[0];
}

/**
 * The app's route handlers behind a real HTTP server (node:http), for senders whose client
 * libraries speak HTTP themselves and for shell examples run with curl.
 */
export async function serveApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const route = apiRoutes.find((r) => r.pattern.test(url.pathname));
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const mod = await import(route.file) as Record<string, (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>>;
      const handler = mod[req.method ?? 'GET'];
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      const match = url.pathname.match(route.pattern)!;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(url, {
        method: req.method, headers, body: hasBody ? Readable.toWeb(req) as ReadableStream : undefined, duplex: 'half',
      } as RequestInit);
      const response = await handler(request, { params: Promise.resolve(params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((err) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
