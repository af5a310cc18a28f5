import { and, desc, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import { toLoggedEvent } from '@/lib/events/serialize';
import type { LoggedEvent } from '@/lib/events/types';
import { REPLAY_ID_EXTENSION } from '@/lib/replays/marks';
import { asOfFilter, type AsOfFilters } from './as-of';

export interface FieldOrigin {
  /** The event that last set the field. */
  seq: number;
  type: string;
  receivedAt: string;
}

export interface SubjectView {
  subject: string;
  asOf: string;
  /** How many events the subject had at `asOf`. */
  total: number;
  /** The latest `limit` of them, oldest first. */
  events: LoggedEvent[];
  truncated: boolean;
  /** The last value of each top-level field of `data` across all of them (not only those listed). */
  state: Record<string, unknown>;
  fields: Record<string, FieldOrigin>;
}

/**
 * "What did we know about this subject at T": its events received up to T in log order, and its
 * state folded from all of them. The fold runs in PostgreSQL (the last value per field of data),
 * so it is exact however long the history. Events whose data is not an object add nothing; a field
 * set to null stays, as null.
 */
export async function subjectAsOf(db: Db, subject: string, f: Omit<AsOfFilters, 'subject'> & { limit: number }): Promise<SubjectView> {
  const where = asOfFilter({ ...f, subject });
  const [rows, counted, folded] = await Promise.all([
    db.select().from(events).where(where).orderBy(desc(events.seq)).limit(f.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(events).where(where),
    db.execute<{ key: string; value: unknown; seq: number; type: string; received_at: Date }>(sql`
      select distinct on (d.key) d.key, d.value, ${events.seq} as seq, ${events.type} as type, ${events.receivedAt} as received_at
      from ${events} cross join lateral jsonb_each(case when jsonb_typeof(${events.data}) = 'object' then ${events.data} else '{}'::jsonb end) d
      where ${where}
      order by d.key, ${events.seq} desc`),
  ]);
  const state: Record<string, unknown> = {};
  const fields: Record<string, FieldOrigin> = {};
  for (const r of folded.rows) {
    state[r.key] = r.value;
    fields[r.key] = { seq: Number(r.seq), type: r.type, receivedAt: new Date(r.received_at).toISOString() };
  }
  const total = Number(counted[0]?.n ?? 0);
  return { subject, asOf: f.asOf.toISOString(), total, events: rows.reverse().map(toLoggedEvent), truncated: total > rows.length, state, fields };
}

/** Subjects starting with `prefix` (or, without one, those of the latest events), with their event counts. */
export async function listSubjects(db: Db, prefix: string | undefined, limit: number) {
  const notReplay = sql`${events.extensions}->>${REPLAY_ID_EXTENSION} is null`;
  const scope = prefix
    ? and(isNotNull(events.subject), sql`${events.subject} >= ${prefix}`, sql`starts_with(${events.subject}, ${prefix})`, notReplay)
    : sql`${events.seq} > (select coalesce(max(seq), 0) - 1000 from ${events}) and ${events.subject} is not null and ${notReplay}`;
  const rows = await db.select({ subject: events.subject, events: sql<number>`count(*)::int`, lastReceivedAt: sql<Date>`max(${events.receivedAt})` })
    .from(events).where(scope).groupBy(events.subject).orderBy(sql`max(${events.receivedAt}) desc`).limit(limit);
  return { items: rows.map((r) => ({ subject: r.subject!, events: Number(r.events), lastReceivedAt: new Date(r.lastReceivedAt).toISOString() })) };
}
