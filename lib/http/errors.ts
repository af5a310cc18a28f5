/** One table from error code to HTTP status, used at the edge. */
const statusByCode = {
  bad_request: 400,
  invalid_json: 400,
  invalid_attribute: 400,
  missing_attribute: 400,
  invalid_encoding: 400,
  invalid_document: 400,
  invalid_query: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  ambiguous_id: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_workflow: 422,
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: unknown,
    status?: number,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = status ?? statusByCode[code as ErrorCode] ?? 500;
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
