import type { IncomingMessage } from 'node:http';
import { HttpTransportError } from './errors';
import { toSafeHttpError } from './error-mapping';

function tooLarge(limit: number): HttpTransportError {
  return new HttpTransportError('too_large', `response body exceeds ${limit} bytes`, false);
}

/**
 * Reads the whole response body, refusing (and tearing down the connection) as soon as it
 * is known to exceed `limit` bytes — from Content-Length up front, or while streaming.
 * Aborting `signal` rejects with its reason.
 */
export function readBody(res: IncomingMessage, limit: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;

    const finish = (err: Error | undefined, value?: Buffer): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (err) {
        res.destroy();
        reject(err);
      } else resolve(value ?? Buffer.alloc(0));
    };
    const onAbort = (): void => finish(signal.reason as Error);

    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return finish(tooLarge(limit));
    if (signal.aborted) return finish(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });

    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(tooLarge(limit));
      chunks.push(chunk);
    });
    res.on('end', () => finish(undefined, Buffer.concat(chunks, size)));
    res.on('error', (err) => finish(toSafeHttpError(err)));
    res.on('close', () => {
      if (!res.complete) {
        finish(new HttpTransportError('connection', 'connection closed before the response body was complete', true));
      }
    });
  });
}
