import { expect } from 'vitest';
import { IngestError } from '@/lib/events/ingest';

export const URL_EVENTS = 'http://localhost/api/events';

export function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(URL_EVENTS, { method: 'POST', body, headers });
}

export function postJson(value: unknown, contentType: string, headers: Record<string, string> = {}): Request {
  return post(JSON.stringify(value), { 'content-type': contentType, ...headers });
}

/** A body of `chunks` chunks of `chunkSize` bytes (forever when chunks is Infinity) and what was pulled. */
export function streamingRequest(chunks: number, chunkSize: number, headers: Record<string, string> = {}) {
  const stats = { pulls: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stats.pulls >= chunks) return controller.close();
        stats.pulls += 1;
        controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
      },
      cancel() {
        stats.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const init = { method: 'POST', body, headers, duplex: 'half' } as RequestInit;
  return { request: new Request(URL_EVENTS, init), stats };
}

/** Awaits a promise that must reject with an IngestError, and returns the error. */
export async function refusal(promise: Promise<unknown>): Promise<IngestError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(IngestError);
  return outcome as IngestError;
}
