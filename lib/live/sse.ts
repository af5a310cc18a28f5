import type { Db } from '@/db/client';
import { advanceCursor, encodeLiveCursor, type LiveCursor } from './cursor';
import { compileFilter, type LiveFilter } from './filter';
import { logHead, missedSince } from './gap';
import type { LiveHub } from './hub';
import type { LiveMessage } from './types';

export interface StreamOptions {
  db: Db;
  hub: LiveHub;
  filter: LiveFilter;
  /** From Last-Event-ID: fill the gap since then from PostgreSQL before going live. */
  resumeFrom?: LiveCursor;
  heartbeatMs: number;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  onError?: (err: unknown) => void;
}

/** A client that falls this far behind is cut off; it reconnects and resumes from the database. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const RETRY_MS = 2_000;

/**
 * The Server-Sent Events body of `GET /api/stream`. Listens to the process's hub at once (buffering),
 * fills any gap from PostgreSQL, then sends the buffer and everything after it. Heartbeats keep
 * proxies from closing an idle stream; the stream ends when the client goes.
 */
export function liveStream(opts: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const matches = compileFilter(opts.filter);
  let cursor: LiveCursor = opts.resumeFrom ?? { seq: 0, ms: Date.now() };
  let buffered: LiveMessage[] | null = [];
  let closed = false;
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) close();
        } catch {
          close();
        }
      };
      const send = (m: LiveMessage) => {
        cursor = advanceCursor(cursor, m.type === 'event.appended' ? m.event.seq : undefined, m.at);
        write(`id: ${encodeLiveCursor(cursor)}\nevent: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`);
      };
      const fill = async (from: LiveCursor) => {
        const gap = await missedSince(opts.db, opts.filter, from);
        if (gap.overflow) write(`id: ${encodeLiveCursor(cursor)}\nevent: reset\ndata: {}\n\n`);
        else for (const m of gap.messages) send(m);
      };
      // Redis was away: whatever was published meanwhile is in the database.
      const refill = () => {
        if (closed || buffered) return;
        buffered = [];
        void fill(cursor).catch(opts.onError).finally(drain);
      };
      const drain = () => {
        const pending = buffered ?? [];
        buffered = null;
        for (const m of pending) send(m);
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try { controller.close(); } catch { /* already closed */ }
      };
      const remove = opts.hub.add({
        message(m) {
          if (closed || !matches(m)) return;
          if (buffered) buffered.push(m);
          else send(m);
        },
        gap: refill,
      });
      const heartbeat = setInterval(() => write(`: heartbeat\n\n`), opts.heartbeatMs);
      const onAbort = () => close();
      opts.signal.addEventListener('abort', onAbort);
      cleanup = () => {
        remove();
        clearInterval(heartbeat);
        opts.signal.removeEventListener('abort', onAbort);
      };
      if (opts.signal.aborted) return close();

      write(`retry: ${RETRY_MS}\n: connected\n\n`);
      const ready = opts.resumeFrom
        ? fill(opts.resumeFrom)
        : logHead(opts.db).then((seq) => { cursor = { ...cursor, seq }; write(`id: ${encodeLiveCursor(cursor)}\nevent: ready\ndata: {}\n\n`); });
      void ready.catch((err) => { opts.onError?.(err); close(); }).finally(() => { if (!closed) drain(); });
    },
    cancel() {
      closed = true;
      cleanup();
    },
  }, { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength });
}

export function sseResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
