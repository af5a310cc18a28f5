import { ZodError } from 'zod';
import { ApiError, errorBody } from './errors';
import { CursorError } from './cursor';

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Turns a thrown error into the JSON error response; unknown errors become a plain 500. */
export function errorResponse(err: unknown, onUnknown?: (err: unknown) => void): Response {
  if (err instanceof ApiError) {
    return json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  }
  if (err instanceof ZodError) {
    const message = err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    return json(errorBody('bad_request', message, err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))), 400);
  }
  if (err instanceof CursorError) return json(errorBody('invalid_query', err.message), 400);
  if (isDatabaseUnavailable(err)) {
    return json(errorBody('unavailable', 'the database is unavailable; retry later'), 503, { 'retry-after': '5' });
  }
  onUnknown?.(err);
  return json(errorBody('internal', 'internal error'), 500);
}

const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004']);

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message)) return true;
  }
  return false;
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) throw new ApiError('invalid_json', 'the request body must be JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'the request body is not valid JSON');
  }
}
