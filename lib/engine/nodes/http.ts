/** `http`: calls a URL through the worker's HTTP port; output `{ status, headers, body }`. */
import { z } from 'zod';
import { isTemplated, parseConfig, render, single } from './common';
import { NodeError, type NodeContext, type NodeDefinition, type NodeOutcome } from './types';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const HTTP_DEFAULT_TIMEOUT_MS = 10_000;
export const HTTP_MAX_TIMEOUT_MS = 300_000;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export const httpConfig = z.object({
  method: z.enum(HTTP_METHODS).meta({ title: 'Method' }),
  url: z
    .string()
    .min(1, 'a URL is required')
    .refine((u) => isTemplated(u) || isHttpUrl(u), { message: 'expected an http(s) URL or a {{ }} template' })
    .meta({ title: 'URL', description: 'An http(s) URL; {{ }} templates allowed.', examples: ['https://api.example.com/orders'] }),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .meta({ title: 'Headers', description: 'Values may use {{ }}. The step adds Idempotency-Key unless you set one.' }),
  body: z.unknown().optional().meta({
    title: 'Body',
    format: 'json',
    description: 'JSON, or a {{ }} template giving the body. Not sent with GET or HEAD.',
  }),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(HTTP_MAX_TIMEOUT_MS)
    .default(HTTP_DEFAULT_TIMEOUT_MS)
    .meta({ title: 'Timeout (ms)', description: 'Give up on an attempt after this many milliseconds.' }),
});

/** Milliseconds from a Retry-After header (seconds or an HTTP date), if it has one. */
export function retryAfterMs(headers: Record<string, string>, now: Date): number | undefined {
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after');
  if (!entry) return undefined;
  const value = entry[1].trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

async function run(ctx: NodeContext): Promise<NodeOutcome> {
  const config = parseConfig(httpConfig, ctx);
  const url = await render(ctx, 'url', config.url);
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    throw new NodeError(`config.url: ${JSON.stringify(url)} is not an http(s) URL`, { code: 'config' });
  }
  const rendered = (await render(ctx, 'headers', config.headers ?? {})) as Record<string, unknown>;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(rendered)) {
    if (v !== undefined && v !== null) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'idempotency-key')) {
    headers['Idempotency-Key'] = ctx.idempotencyKey;
  }
  const sendsBody = config.method !== 'GET' && config.method !== 'HEAD' && config.body !== undefined;
  const body = sendsBody ? await render(ctx, 'body', config.body) : undefined;
  const label = `${config.method} ${url}`;

  let res;
  try {
    res = await ctx.ports.http({
      method: config.method,
      url,
      headers,
      ...(sendsBody && { body }),
      timeoutMs: config.timeoutMs,
      idempotencyKey: ctx.idempotencyKey,
    });
  } catch (err) {
    if (err instanceof NodeError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new NodeError(`${label} failed: ${reason}`, { retriable: true, code: 'http_network', cause: err });
  }

  const output = { status: res.status, headers: res.headers, body: res.body };
  if (res.status >= 500 || res.status === 429) {
    throw new NodeError(`${label} answered HTTP ${res.status}`, {
      retriable: true,
      code: 'http_status',
      details: output,
      retryAfterMs: retryAfterMs(res.headers, ctx.ports.clock.now()),
    });
  }
  if (res.status >= 400) {
    throw new NodeError(`${label} answered HTTP ${res.status}`, { code: 'http_status', details: output });
  }
  return { kind: 'done', output };
}

export const httpNode: NodeDefinition = {
  type: 'http',
  category: 'action',
  label: 'HTTP request',
  description: 'Calls an HTTP endpoint with the step idempotency key; 5xx and 429 are retried.',
  configSchema: httpConfig,
  handles: single,
  isTrigger: false,
  run,
};
