/** Formatting shared by the replay and history views. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as a datetime-local value in the browser's zone, to the second. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A datetime-local value (the browser's zone) as an ISO time, or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString(undefined, { hour12: false })}`;
}

export const percent = (done: number, total: number) => (total <= 0 ? 100 : Math.min(100, Math.round((done / total) * 100)));

export const runHref = (workflowId: string, runId: string) => `/workflows/${workflowId}/runs/${runId}`;
