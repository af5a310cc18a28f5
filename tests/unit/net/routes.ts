import type http from 'node:http';
import type { ReceivedRequest } from './loopback-server';

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end('redirecting');
}

/** Test routes: echoes, redirects, slow and large responses. */
export function routes(req: ReceivedRequest, res: http.ServerResponse): void {
  const url = new URL(req.url, 'http://placeholder');
  const to = url.searchParams.get('to') ?? '/echo';
  switch (url.pathname) {
    case '/echo':
      return json(res, 200, { method: req.method, headers: req.headers, body: req.body });
    case '/text':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-Mixed-Case': 'yes' });
      return void res.end('héllo');
    case '/binary':
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(Buffer.from([0, 1, 2, 255]));
    case '/bad-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{not json');
    case '/cookies':
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      return json(res, 200, {});
    case '/fail':
      return json(res, 503, { error: 'unavailable' });
    case '/big':
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('x'.repeat(4096));
    case '/big-chunked':
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 8; i++) res.write('y'.repeat(512));
      return void res.end();
    case '/slow':
      return void setTimeout(() => json(res, 200, { late: true }), 3_000).unref();
    case '/slow-body':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      return void setTimeout(() => res.end('rest'), 3_000).unref();
    case '/redirect':
      return redirect(res, Number(url.searchParams.get('status') ?? 302), to);
    case '/loop':
      return redirect(res, 302, '/loop');
    default:
      return json(res, 404, { error: 'not found' });
  }
}
