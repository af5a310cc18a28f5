/**
 * Why an ingest request was refused; each code has exactly one HTTP status, the same
 * as in lib/http/errors.ts. `bad_request` is well-formed JSON of the wrong shape
 * (not an object, not an array, an empty batch).
 */
export const INGEST_ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  invalid_attribute: 400,
  missing_attribute: 400,
  invalid_encoding: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERROR_STATUS;
export type IngestErrorStatus = (typeof INGEST_ERROR_STATUS)[IngestErrorCode];

/**
 * A refused event request. The message is safe to show to the sender and names
 * the offending attribute, header or batch index.
 */
export class IngestError extends Error {
  readonly status: IngestErrorStatus;
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message: string) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
    this.status = INGEST_ERROR_STATUS[code];
  }
}
