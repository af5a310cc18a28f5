import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import next from 'next';
import { ApiError } from '@/lib/http/errors';
import { errorResponse } from '@/lib/http/respond';

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface DirectRoute {
  method: string;
  path: RegExp;
  /** Names of the path's capture groups, in order. */
  params: string[];
  handler: () => Promise<RouteHandler>;
}

/** Imports a handler on first use and keeps it (an import() per request goes through the loader each time). */
function loadOnce(load: () => Promise<RouteHandler>): () => Promise<RouteHandler> {
  let loaded: Promise<RouteHandler> | undefined;
  return () => (loaded ??= load());
}

/**
 * The ingest endpoints, served by their own route handlers without Next's request pipeline
 * (routing, rewrites, render bookkeeping), which costs more CPU per request than the handlers
 * themselves. They are API routes with no page, proxy or rewrite in front of them, so the answer is
 * the same; everything else goes to Next.
 */
const DIRECT_ROUTES: DirectRoute[] = [
  { method: 'POST', path: /^\/api\/events$/, params: [], handler: loadOnce(async () => (await import('@/app/api/events/route')).POST as RouteHandler) },
  { method: 'POST', path: /^\/api\/hooks\/([^/]+)$/, params: ['id'], handler: loadOnce(async () => (await import('@/app/api/hooks/[id]/route')).POST as RouteHandler) },
];

function directRoute(req: IncomingMessage): { route: DirectRoute; match: RegExpExecArray } | undefined {
  const pathname = (req.url ?? '/').split('?')[0];
  for (const route of DIRECT_ROUTES) {
    const match = req.method === route.method ? route.path.exec(pathname) : null;
    if (match) return { route, match };
  }
  return undefined;
}

/** The path's parameters, or undefined when one has a malformed %-escape. */
function pathParams(route: DirectRoute, match: RegExpExecArray): Record<string, string> | undefined {
  try {
    return Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  } catch {
    return undefined;
  }
}

function requestUrl(req: IncomingMessage): string {
  const path = req.url ?? '/';
  try {
    return new URL(path, `http://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    return new URL(path, 'http://localhost').href; // a Host header that is not a host
  }
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  return new Request(requestUrl(req), { method: req.method, headers, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => { if (name !== 'set-cookie') res.setHeader(name, value); });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function serveDirect(req: IncomingMessage, res: ServerResponse, route: DirectRoute, match: RegExpExecArray): Promise<void> {
  const params = pathParams(route, match);
  if (!params) return send(res, errorResponse(new ApiError('bad_request', 'the path has a malformed %-escape')));
  try {
    const handler = await route.handler();
    await send(res, await handler(toRequest(req), { params: Promise.resolve(params) }));
  } catch (err) {
    // the handlers answer their own errors; this is a failure of the server around them
    process.stderr.write(`${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}\n`);
    if (res.headersSent) res.end();
    else await send(res, errorResponse(err));
  }
}

/**
 * Opens the connections before the first request: Redis refuses commands while it connects (the
 * producers fail fast), so a first event would otherwise be routed only by the reconciler, and a
 * first health check would say Redis is down.
 */
async function connectServices(): Promise<void> {
  const { getServices } = await import('@/lib/server/services');
  const redis = getServices().queues.connection;
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    redis.once('ready', resolve);
    setTimeout(resolve, 5_000).unref(); // a Redis that is down: serve anyway, health says so
  });
}

/** The web role: Next.js for the app and the API, the ingest endpoints served directly. */
export async function startWebServer(opts: { dir: string; port: number; hostname?: string }): Promise<{ server: Server; close(): Promise<void> }> {
  const app = next({ dev: false, dir: opts.dir, port: opts.port, hostname: opts.hostname });
  await Promise.all([app.prepare(), connectServices()]);
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    const direct = directRoute(req);
    if (direct) void serveDirect(req, res, direct.route, direct.match);
    else void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.hostname, () => resolve());
  });
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await app.close();
    },
  };
}
