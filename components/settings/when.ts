/** A stored time as `2025-01-31 14:05 UTC`, the same on server and client. */
export function when(iso: string | null | undefined): string {
  return iso ? `${iso.replace('T', ' ').slice(0, 16)} UTC` : '—';
}

/** The same to the second, for the audit trail. */
export function whenExactly(iso: string): string {
  return `${iso.replace('T', ' ').slice(0, 19)} UTC`;
}
