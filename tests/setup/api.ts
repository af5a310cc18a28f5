import fs from 'node:fs';
import path from 'node:path';
import { TEST_API_KEY } from './context';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface RouteFile { pattern: RegExp; names: string[]; file: string }

const appDir = path.resolve(__dirname, '../../app');

/** Every route.ts under app/api, as a matcher: the same table Next.js builds from the tree. */
function discoverRoutes(): RouteFile[] {
  const found: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const segments = path.relative(appDir, dir).split(path.sep);
        const names: string[] = [];
        const source = segments.map((s) => {
          const param = s.match(/^\[(.+)\]$/);
          if (!param) return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(param[1]);
          return '([^/]+)';
        }).join('/');
        found.push({ pattern: new RegExp(`^/${source}$`), names, file: full });
      }
    }
  };
  walk(path.join(appDir, 'api'));
  // Static segments win over dynamic ones, as in Next.js.
  return found.sort((a, b) => a.names.length - b.names.length);
}

const routes = discoverRoutes();

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the app's route handlers in-process with a real Request, as Next.js would. */
export async function callApi<T = any>(method: string, url: string, init: {
  body?: unknown; raw?: BodyInit; headers?: Record<string, string>; auth?: string | null;
} = {}): Promise<ApiResponse<T>> {
  const full = new URL(url, 'http://localhost');
  const route = routes.find((r) => r.pattern.test(full.pathname));
  if (!route) throw new Error(`no route for ${full.pathname}`);
  const mod = await import(route.file) as Record<string, Handler | undefined>;
  const handler = mod[method];
  if (!handler) return { status: 405, headers: new Headers(), body: null as T };
  const match = full.pathname.match(route.pattern)!;
  const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
  const headers: Record<string, string> = { ...init.headers };
  const auth = init.auth === undefined ? TEST_API_KEY : init.auth;
  if (auth) headers.authorization = `Bearer ${auth}`;
  let body: BodyInit | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await handler(new Request(full, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export const apiRoutes = routes;
