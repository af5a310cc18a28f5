import { z } from 'zod';
import { isBase64 } from './base64';
import { IngestError } from './errors';
import { isValidEventType } from '@/lib/engine/type-pattern';
import { parseMediaType } from './media-type';
import { normaliseRfc3339 } from './time';

/** CloudEvents attribute and extension names. */
export const ATTRIBUTE_NAME = /^[a-z0-9]{1,20}$/;
export const ATTRIBUTE_NAME_RULE = 'attribute names are 1 to 20 lowercase letters or digits';

function isAbsoluteUri(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const string = z.string({ error: 'must be a string' });
const nonEmpty = string.min(1, { error: 'must not be empty' });

/** One schema per context attribute; messages complete "<attribute> ...". */
export const attributeSchemas = {
  specversion: z.literal('1.0', { error: 'must be "1.0" (the only CloudEvents version supported)' }),
  id: nonEmpty,
  source: nonEmpty,
  type: nonEmpty.refine(isValidEventType, {
    error: 'must be dot-separated words of letters, digits, "_" or "-" (e.g. order.placed)',
  }),
  subject: nonEmpty,
  time: string.transform((value, ctx) => {
    const normalised = normaliseRfc3339(value);
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an RFC 3339 date-time (e.g. 2024-05-01T12:00:00Z)' });
      return z.NEVER;
    }
    return normalised;
  }),
  datacontenttype: nonEmpty.refine((value) => parseMediaType(value) !== null, {
    error: 'must be a media type (e.g. application/json)',
  }),
  dataschema: nonEmpty.refine(isAbsoluteUri, { error: 'must be an absolute URI' }),
  data_base64: string.refine(isBase64, { error: 'must be padded base64 (RFC 4648)' }),
  correlationid: nonEmpty,
  causationid: nonEmpty,
};

export const extensionValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: 'must be a string, number or boolean',
});

/** Parses `value` with `schema`, or refuses it as `"<label> <reason>"` (400 invalid_attribute). */
export function parseAttribute<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reason = result.error.issues[0]?.message ?? 'is invalid';
  throw new IngestError('invalid_attribute', `${label} ${reason}`);
}
