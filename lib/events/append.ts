import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import type { Producer } from '@/lib/jobs/queues';
import { routeJobs } from './route-jobs';
import type { AppendResult, NewEvent } from './types';

export interface AppendDeps {
  db: Db;
  producer: Producer;
  onEnqueueError?: (err: unknown) => void;
}

/**
 * Commits events to the log (a repeated (source, id) is a duplicate and stored once), then asks
 * the workers to route the new ones. Events whose routing job never reaches Redis stay
 * `routed_at is null` and the reconciler routes them later, so a committed event is never lost.
 */
export async function appendEvents(deps: AppendDeps, batch: NewEvent[], opts: { route?: boolean } = {}): Promise<AppendResult[]> {
  const route = opts.route ?? true;
  if (batch.length === 0) return [];
  const rows = batch.map((e) => ({
    id: e.id,
    source: e.source,
    type: e.type,
    subject: e.subject ?? null,
    time: e.time ? new Date(e.time) : null,
    datacontenttype: e.datacontenttype ?? null,
    dataschema: e.dataschema ?? null,
    data: e.data === undefined ? null : e.data,
    dataBase64: e.data_base64 ?? null,
    extensions: e.extensions ?? {},
    correlationId: e.correlationid ?? null,
    causationId: e.causationid ?? null,
    // A record that starts nothing (the audit trail) is logged as already routed.
    routedAt: route ? null : new Date(),
  }));
  const inserted = await deps.db.insert(events).values(rows)
    .onConflictDoNothing({ target: [events.source, events.id] })
    .returning({ seq: events.seq, id: events.id, source: events.source });

  const key = (source: string, id: string) => `${source}\u0000${id}`;
  const fresh = new Map(inserted.map((r) => [key(r.source, r.id), r.seq]));
  const results: AppendResult[] = [];
  const missing: NewEvent[] = [];
  const claimed = new Set<string>();
  for (const e of batch) {
    const k = key(e.source, e.id);
    const seq = fresh.get(k);
    if (seq !== undefined && !claimed.has(k)) {
      claimed.add(k);
      results.push({ id: e.id, source: e.source, seq, duplicate: false });
    } else {
      results.push({ id: e.id, source: e.source, seq: seq ?? 0, duplicate: true });
      if (seq === undefined) missing.push(e);
    }
  }
  if (missing.length > 0) {
    const existing = await deps.db.execute<{ seq: number; id: string; source: string }>(sql`
      select seq, id, source from events
      where (source, id) in (${sql.join(missing.map((e) => sql`(${e.source}, ${e.id})`), sql`, `)})`);
    const seqs = new Map(existing.rows.map((r) => [key(r.source, r.id), Number(r.seq)]));
    for (const r of results) if (r.seq === 0) r.seq = seqs.get(key(r.source, r.id)) ?? 0;
  }

  if (route && inserted.length > 0) {
    await deps.producer
      .addBulk('route', routeJobs(inserted.map((r) => r.seq)))
      .catch((err) => deps.onEnqueueError?.(err));
  }
  return results;
}
