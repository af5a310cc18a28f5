export { IngestError, INGEST_ERROR_STATUS, type IngestErrorCode, type IngestErrorStatus } from './errors';
export { readBodyLimited } from './read-body';
export { assertStorable, MAX_JSON_DEPTH } from './storable';
export { parseEventsRequest, DEFAULT_SOURCE } from './parse';
export type { EventInput, ExtensionValue, ParseEventsOptions, ParsedEvents } from './types';
