import { HttpTransportError, isSafeHttpError, type SafeHttpError } from './errors';

/**
 * Network error codes that are deterministic: retrying the same request will fail the same way.
 * - ENOTFOUND: the name does not exist (NXDOMAIN). A temporary resolver failure is EAI_AGAIN,
 *   which stays retriable.
 * - TLS / certificate failures: the peer's configuration has to change first.
 * - HPE_*: the peer speaks malformed HTTP.
 */
const PERMANENT_CODES = new Set([
  'ENOTFOUND',
  'ERR_INVALID_IP_ADDRESS',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Turns whatever `node:http` emitted into one of our errors; our own errors pass through. */
export function toSafeHttpError(err: unknown): SafeHttpError {
  if (isSafeHttpError(err)) return err;
  const code = errorCode(err) ?? 'UNKNOWN';
  const detail = err instanceof Error ? err.message : String(err);
  const retriable = !(PERMANENT_CODES.has(code) || code.startsWith('HPE_') || code.startsWith('ERR_SSL_'));
  return new HttpTransportError('connection', `connection failed (${code}): ${detail}`, retriable, { cause: err });
}
