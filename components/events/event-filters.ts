/** The events page's filters, as URL search params and as `GET /api/events` / `GET /api/stream` queries. */
export interface EventFilterValues {
  type: string;
  source: string;
  subject: string;
  correlationId: string;
  after: string;
  before: string;
}

export const NO_FILTERS: EventFilterValues = { type: '', source: '', subject: '', correlationId: '', after: '', before: '' };

export function filtersFrom(params: Record<string, string | string[] | undefined>): EventFilterValues {
  const one = (k: string) => {
    const v = params[k];
    return typeof v === 'string' ? v : '';
  };
  return { type: one('type'), source: one('source'), subject: one('subject'), correlationId: one('correlationId'), after: one('after'), before: one('before') };
}

/** A datetime-local value (the browser's zone) as an ISO time. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : '');

export function listQuery(f: EventFilterValues, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (f.type) q.set('type', f.type);
  if (f.source) q.set('source', f.source);
  if (f.subject) q.set('subject', f.subject);
  if (f.correlationId) q.set('correlationId', f.correlationId);
  if (f.after) q.set('after', isoOf(f.after));
  if (f.before) q.set('before', isoOf(f.before));
  return q.toString();
}

/** The stream's query for these filters; a time range that has ended has nothing live to show (null). */
export function streamQuery(f: EventFilterValues): string | null {
  if (f.before) return null;
  const q = new URLSearchParams({ type: 'event.appended' });
  if (f.type) q.set('eventType', f.type);
  if (f.source) q.set('source', f.source);
  if (f.subject) q.set('subject', f.subject);
  if (f.correlationId) q.set('correlationId', f.correlationId);
  return q.toString();
}

export function pageQuery(f: EventFilterValues): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q.toString();
}
