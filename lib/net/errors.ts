/** Errors raised by the outbound HTTP client (`safe-http`). */

export type HttpTransportErrorCode =
  | 'timeout'
  | 'connection'
  | 'too_large'
  | 'too_many_redirects'
  | 'bad_url'
  | 'bad_request';

/** The target (scheme, host name or resolved address) is refused by policy. Never retriable. */
export class HttpBlockedError extends Error {
  readonly code = 'http_blocked' as const;
  readonly retriable = false;

  constructor(message: string) {
    super(message);
    this.name = 'HttpBlockedError';
  }
}

/** The exchange failed below the HTTP status level (network, limits, malformed input). */
export class HttpTransportError extends Error {
  readonly code: HttpTransportErrorCode;
  readonly retriable: boolean;

  constructor(code: HttpTransportErrorCode, message: string, retriable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpTransportError';
    this.code = code;
    this.retriable = retriable;
  }
}

export type SafeHttpError = HttpBlockedError | HttpTransportError;

export function isSafeHttpError(err: unknown): err is SafeHttpError {
  return err instanceof HttpBlockedError || err instanceof HttpTransportError;
}
