import type { z } from 'zod';
import {
  ATTRIBUTE_NAME,
  ATTRIBUTE_NAME_RULE,
  attributeSchemas as s,
  extensionValueSchema,
  parseAttribute,
} from './attributes';
import { IngestError } from './errors';
import { assertStorable } from './storable';
import type { EventInput } from './types';

/** How refusals name things: `attribute "time"`, `batch[2]: attribute "time"`, `header "ce-time"`. */
export interface Where {
  /** Put before messages about the event as a whole (e.g. `batch[2]: `). */
  prefix: string;
  attribute(name: string): string;
}

const REQUIRED = ['specversion', 'id', 'source', 'type'] as const;
const KNOWN = new Set<string>([
  ...REQUIRED,
  'subject', 'time', 'datacontenttype', 'dataschema', 'data', 'data_base64', 'correlationid', 'causationid',
]);

/** JSON `null` means "not set" (CloudEvents JSON format, 3.1). */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Validates one event's members (attributes, extensions, `data` / `data_base64`) and
 * returns it with `correlationid` and `causationid` lifted out of the extensions.
 */
export function toEventInput(members: Record<string, unknown>, where: Where): EventInput {
  const get = (name: string): unknown => (Object.hasOwn(members, name) ? members[name] : undefined);
  for (const name of REQUIRED) {
    if (!isSet(get(name))) throw new IngestError('missing_attribute', `${where.attribute(name)} is required`);
  }
  const optional = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const value = get(name);
    return isSet(value) ? parseAttribute(schema, value, where.attribute(name)) : undefined;
  };

  const event: EventInput = {
    id: parseAttribute(s.id, get('id'), where.attribute('id')),
    source: parseAttribute(s.source, get('source'), where.attribute('source')),
    type: parseAttribute(s.type, get('type'), where.attribute('type')),
    specversion: parseAttribute(s.specversion, get('specversion'), where.attribute('specversion')),
    extensions: {},
  };
  const attributes = {
    subject: optional('subject', s.subject),
    time: optional('time', s.time),
    datacontenttype: optional('datacontenttype', s.datacontenttype),
    dataschema: optional('dataschema', s.dataschema),
    data_base64: optional('data_base64', s.data_base64),
    correlationid: optional('correlationid', s.correlationid),
    causationid: optional('causationid', s.causationid),
  };
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) Object.assign(event, { [name]: value });
  }

  if (isSet(get('data'))) {
    if (event.data_base64 !== undefined) {
      throw new IngestError(
        'invalid_attribute',
        `${where.prefix}the event has both "data" and "data_base64"; send only one`,
      );
    }
    event.data = get('data');
  }

  for (const [name, value] of Object.entries(members)) {
    if (KNOWN.has(name)) continue;
    if (!ATTRIBUTE_NAME.test(name)) {
      throw new IngestError('invalid_attribute', `${where.attribute(name)} has an invalid name: ${ATTRIBUTE_NAME_RULE}`);
    }
    if (isSet(value)) event.extensions[name] = parseAttribute(extensionValueSchema, value, where.attribute(name));
  }
  const { extensions, ...set } = event;
  for (const [name, value] of [...Object.entries(set), ...Object.entries(extensions)]) {
    assertStorable(value, where.attribute(name));
  }
  return event;
}
