export type ExtensionValue = string | number | boolean;

/** One validated CloudEvents 1.0 event, ready to be stored. */
export interface EventInput {
  id: string;
  source: string;
  type: string;
  specversion: '1.0';
  subject?: string;
  /** RFC 3339, normalised to `Date.prototype.toISOString()` form (UTC, milliseconds). */
  time?: string;
  datacontenttype?: string;
  dataschema?: string;
  data?: unknown;
  data_base64?: string;
  extensions: Record<string, ExtensionValue>;
  correlationid?: string;
  causationid?: string;
}

export interface ParseEventsOptions {
  /** Largest accepted body, in bytes (CAUSEWAY_MAX_EVENT_BYTES). */
  maxBytes: number;
  /** Source for plain-form events that name none. Default '/api'. */
  defaultSource?: string;
  /** Id for plain-form events that name none. */
  generateId: () => string;
}

export interface ParsedEvents {
  /** True when the request was a batch, so the answer must be an array. */
  batch: boolean;
  events: EventInput[];
}
