import { isJsonObject } from './decode-body';
import { IngestError } from './errors';
import { toEventInput, type Where } from './to-event';
import type { EventInput } from './types';

const SINGLE: Where = { prefix: '', attribute: (name) => `attribute "${name}"` };

function batchItem(index: number): Where {
  return { prefix: `batch[${index}]: `, attribute: (name) => `batch[${index}]: attribute "${name}"` };
}

/** `application/cloudevents+json`: the body is one event object. */
export function structuredEvent(body: unknown): EventInput {
  if (!isJsonObject(body)) throw new IngestError('bad_request', 'a structured event must be a JSON object');
  return toEventInput(body, SINGLE);
}

/** `application/cloudevents-batch+json`: a non-empty array of event objects, all valid or none taken. */
export function batchedEvents(body: unknown): EventInput[] {
  if (!Array.isArray(body)) throw new IngestError('bad_request', 'a batch must be a JSON array of events');
  if (body.length === 0) throw new IngestError('bad_request', 'the batch is empty; send at least one event');
  return body.map((item: unknown, index) => {
    if (!isJsonObject(item)) throw new IngestError('bad_request', `batch[${index}]: an event must be a JSON object`);
    return toEventInput(item, batchItem(index));
  });
}
