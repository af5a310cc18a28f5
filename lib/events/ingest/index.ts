export { IngestError, INGEST_ERROR_STATUS, type IngestErrorCode, type IngestErrorStatus } from './errors';
export { readBodyLimited } from './read-body';
export { parseEventsRequest, DEFAULT_SOURCE } from './parse';
export type { EventInput, ExtensionValue, ParseEventsOptions, ParsedEvents } from './types';
