import { binaryEvent } from './binary';
import { decodeJson } from './decode-body';
import { detectMode } from './mode';
import { plainEvent } from './plain';
import { readBodyLimited } from './read-body';
import { batchedEvents, structuredEvent } from './structured';
import type { ParsedEvents, ParseEventsOptions } from './types';

export const DEFAULT_SOURCE = '/api';

/**
 * Turns a `POST /api/events` request into validated events, in any CloudEvents HTTP
 * mode (binary, structured, batched) or the plain JSON form. Throws IngestError
 * (400/413/415) for anything refused; a batch is refused whole if one item is bad.
 */
export async function parseEventsRequest(request: Request, opts: ParseEventsOptions): Promise<ParsedEvents> {
  const { mode, mediaType } = detectMode(request.headers);
  const body = await readBodyLimited(request, opts.maxBytes);
  switch (mode) {
    case 'binary':
      return { batch: false, events: [binaryEvent(request.headers, body)] };
    case 'structured':
      return { batch: false, events: [structuredEvent(decodeJson(body, mediaType))] };
    case 'batched':
      return { batch: true, events: batchedEvents(decodeJson(body, mediaType)) };
    case 'plain': {
      const defaults = { source: opts.defaultSource ?? DEFAULT_SOURCE, generateId: opts.generateId };
      return { batch: false, events: [plainEvent(decodeJson(body, mediaType), defaults)] };
    }
  }
}
