import { isJsonObject } from './decode-body';
import { IngestError } from './errors';
import { toEventInput, type Where } from './to-event';
import type { EventInput } from './types';

const FIELDS = ['type', 'data', 'id', 'source', 'subject', 'time'];
const WHERE: Where = { prefix: '', attribute: (name) => `field "${name}"` };

export interface PlainDefaults {
  source: string;
  generateId: () => string;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

/** `application/json` without `ce-` headers: `{ type, data?, id?, source?, subject?, time? }`. */
export function plainEvent(body: unknown, defaults: PlainDefaults): EventInput {
  if (!isJsonObject(body)) {
    throw new IngestError('bad_request', 'expected a JSON object such as { "type": "order.placed", "data": {} }');
  }
  const unknown = Object.keys(body).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) {
    const names = unknown.map((key) => `"${key}"`).join(', ');
    throw new IngestError(
      'invalid_attribute',
      `unknown field${unknown.length > 1 ? 's' : ''} ${names}; a plain event takes only ${FIELDS.join(', ')} ` +
        '(send application/cloudevents+json for other attributes)',
    );
  }
  return toEventInput(
    {
      specversion: '1.0',
      type: body.type,
      id: isMissing(body.id) ? defaults.generateId() : body.id,
      source: isMissing(body.source) ? defaults.source : body.source,
      subject: body.subject,
      time: body.time,
      data: body.data,
    },
    WHERE,
  );
}
