import type { VerifyOptions } from '../document';
import { verified, type SchemeVerifier } from './types';

type Options = Extract<VerifyOptions, { scheme: 'none' }>;

/** No check at all: only when chosen explicitly, and flagged wherever the endpoint is shown. */
export const none: SchemeVerifier<Options> = {
  verify: () => verified('not checked: the endpoint accepts unsigned deliveries'),
  deliveryId: (options, headers) => (options.idHeader ? headers.get(options.idHeader) ?? undefined : undefined),
  secretHeaders: () => [],
};
