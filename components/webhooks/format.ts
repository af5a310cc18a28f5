import type { PillTone } from '@/components/ui/pill';

/** `2026-05-01 12:00:03` in UTC, to the second. */
export const shortTime = (iso: string) => iso.replace('T', ' ').slice(0, 19);

export function statusTone(status: number): PillTone {
  if (status < 300) return 'success';
  if (status === 503 || status === 413 || status === 415) return 'warning';
  return 'danger';
}

export const VERIFICATION: Record<string, { label: string; tone: PillTone }> = {
  verified: { label: 'verified', tone: 'success' },
  failed: { label: 'failed check', tone: 'danger' },
  skipped: { label: 'unsigned', tone: 'warning' },
  unchecked: { label: 'not checked', tone: 'neutral' },
  resent: { label: 'sent again', tone: 'info' },
};

/** JSON bodies indented for reading; anything else as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
