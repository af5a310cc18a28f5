import { createHash } from 'node:crypto';
import { renderTemplate, stringifyTemplateValue } from '@/lib/engine/expressions';
import { isValidEventType } from '@/lib/engine/type-pattern';
import { assertStorable, IngestError } from '@/lib/events/ingest';
import type { NewEvent } from '@/lib/events/types';
import type { Scheme } from './document';

const MAX_ID_CHARS = 256;
const TEMPLATE_BUDGET = { timeoutMs: 100 };

export const hookSource = (hookId: string) => `/hooks/${hookId}`;

export interface DeliveryFacts {
  hookId: string;
  scheme: Scheme;
  eventType: string;
  subject: string | null;
  /** The sender's delivery id from a header, if the scheme has one. */
  deliveryId: string | undefined;
  /** Headers as the log shows them (secrets masked); templates see these. */
  headers: [string, string][];
  body: Uint8Array;
  data: unknown;
  datacontenttype: string;
}

/**
 * The event id: the sender's delivery id, so that a redelivery is a duplicate; for Stripe the
 * event's own `id`; else a hash of the body (identical bodies are then one event).
 */
function eventId(facts: DeliveryFacts): string {
  let id = facts.deliveryId;
  const data = facts.data as { id?: unknown } | null;
  if (id === undefined && facts.scheme === 'stripe' && typeof data?.id === 'string') id = data.id;
  if (id === undefined) return `sha256:${createHash('sha256').update(facts.body).digest('hex')}`;
  if (id.trim() === '' || id.length > MAX_ID_CHARS) {
    throw new IngestError('invalid_attribute', `the delivery id must be 1 to ${MAX_ID_CHARS} characters`);
  }
  return id;
}

async function render(template: string, scope: object, what: string): Promise<string> {
  const result = await renderTemplate(template, scope, TEMPLATE_BUDGET);
  if (!result.ok) throw new IngestError('invalid_attribute', `the endpoint's ${what} template failed on this delivery: ${result.error}`);
  return stringifyTemplateValue(result.value);
}

/** The event a delivery becomes: its id, the endpoint's source, and type and subject from their templates. */
export async function deliveryEvent(facts: DeliveryFacts): Promise<NewEvent> {
  const id = eventId(facts);
  const scope = { headers: Object.fromEntries(facts.headers), body: facts.data };
  const type = await render(facts.eventType, scope, 'event type');
  if (!isValidEventType(type)) {
    const shown: string = type;
    throw new IngestError('invalid_attribute',
      `the event type "${shown.slice(0, 200)}" (from the endpoint's template ${facts.eventType}) is not dot-separated words of letters, digits, "_" or "-"`);
  }
  assertStorable(facts.data, 'the body');
  const event: NewEvent = {
    id, source: hookSource(facts.hookId), type, data: facts.data, datacontenttype: facts.datacontenttype,
  };
  if (facts.subject !== null) {
    const subject = await render(facts.subject, scope, 'subject');
    assertStorable(subject, 'the subject');
    if (subject !== '') event.subject = subject.slice(0, 500);
  }
  return event;
}
