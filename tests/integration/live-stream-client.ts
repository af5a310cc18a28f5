/** A Server-Sent Events reader for tests: parses a stream body into messages as they arrive. */
import { waitFor } from '../setup/wait';

export interface SseMessage {
  id?: string;
  event: string;
  data: any;
}

export interface SseReader {
  messages: SseMessage[];
  comments: string[];
  lastId(): string | undefined;
  /** Waits until some message satisfies `check`; returns it. */
  waitFor(check: (m: SseMessage) => boolean, what: string, timeoutMs?: number): Promise<SseMessage>;
  closed: Promise<void>;
  close(): void;
}

export function readSse(body: ReadableStream<Uint8Array>, abort: AbortController): SseReader {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  let lastId: string | undefined;
  const decoder = new TextDecoder();
  let buffer = '';
  const handleBlock = (block: string) => {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (id !== undefined) lastId = id;
    if (data.length > 0) messages.push({ id, event, data: JSON.parse(data.join('\n')) });
  };
  const reader = body.getReader();
  const closed = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          handleBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    messages,
    comments,
    lastId: () => lastId,
    waitFor: (check, what, timeoutMs = 20_000) => waitFor(async () => messages.find(check), { what, timeoutMs }),
    closed,
    close: () => {
      abort.abort();
      void reader.cancel().catch(() => {});
    },
  };
}
