/** What a verifier sees of a delivery. `now` is a parameter, so verifiers are pure. */
export interface SignedDelivery {
  headers: Headers;
  body: Uint8Array;
  /** The current secret first, then a rotated-out one still in its grace period. */
  secrets: string[];
  now: Date;
}

export type Verification =
  | { ok: true; detail: string }
  | { ok: false; reason: string };

export const verified = (detail: string): Verification => ({ ok: true, detail });
export const refused = (reason: string): Verification => ({ ok: false, reason });

/** Which secret matched, for the deliveries log (rotation shows up there). */
export function secretLabel(index: number): string {
  return index === 0 ? 'signature matches the current secret' : 'signature matches the previous secret (rotation grace period)';
}

/** One verification scheme: how it checks a delivery, where its delivery id is, what to mask. */
export interface SchemeVerifier<O> {
  verify(options: O, delivery: SignedDelivery): Verification;
  /** The sender's id for this delivery (the same on a redelivery), when the scheme has one in a header. */
  deliveryId(options: O, headers: Headers): string | undefined;
  /** Headers that carry the secret or a signature, masked in the deliveries log. */
  secretHeaders(options: O): string[];
}
