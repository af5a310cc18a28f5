import type { EventInput } from './ingest/types';

/** An event as Causeway hands it out: CloudEvents 1.0 attributes plus its place in the log. */
export interface LoggedEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  datacontenttype?: string;
  dataschema?: string;
  data?: unknown;
  data_base64?: string;
  correlationid?: string;
  causationid?: string;
  [extension: string]: unknown;
  seq: number;
  receivedAt: string;
}

/** What a producer hands to the log: a validated event; the log fills in specversion. */
export type NewEvent = Omit<EventInput, 'specversion' | 'extensions'> & { extensions?: EventInput['extensions'] };

export interface AppendResult {
  id: string;
  source: string;
  seq: number;
  duplicate: boolean;
}
