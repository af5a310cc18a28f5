import { and, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, runs } from '@/db/schema';
import { typePatternToPostgresRegex } from '@/lib/engine/type-pattern';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { toLoggedEvent } from './serialize';
import type { LoggedEvent } from './types';

export interface EventFilters {
  type?: string;
  source?: string;
  subject?: string;
  correlationId?: string;
  after?: Date;
  before?: Date;
  limit: number;
  cursor?: string;
}

export async function listEvents(db: Db, f: EventFilters): Promise<{ items: LoggedEvent[]; nextCursor: string | null }> {
  const where: SQL[] = [];
  if (f.type) where.push(sql`${events.type} ~ ${typePatternToPostgresRegex(f.type)}`);
  if (f.source) where.push(eq(events.source, f.source));
  if (f.subject) where.push(eq(events.subject, f.subject));
  if (f.correlationId) where.push(eq(events.correlationId, f.correlationId));
  if (f.after) where.push(gte(events.receivedAt, f.after));
  // receivedAt is shown to the millisecond but stored to the microsecond: `before` includes its whole millisecond
  if (f.before) where.push(lt(events.receivedAt, new Date(f.before.getTime() + 1)));
  const cursorSeq = decodeCursor(f.cursor);
  if (cursorSeq !== undefined) where.push(lt(events.seq, cursorSeq));
  const rows = await db.select().from(events).where(and(...where)).orderBy(desc(events.seq)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const nextCursor = rows.length > f.limit ? encodeCursor(page[page.length - 1].seq) : null;
  return { items: page.map(toLoggedEvent), nextCursor };
}

/** The list's events, each with how many runs it started (one query for the page). */
export async function withRunCounts(db: Db, items: LoggedEvent[]): Promise<(LoggedEvent & { runCount: number })[]> {
  if (items.length === 0) return [];
  const counts = await db.select({ seq: runs.eventSeq, n: sql<number>`count(*)::int` }).from(runs)
    .where(inArray(runs.eventSeq, items.map((e) => e.seq))).groupBy(runs.eventSeq);
  const bySeq = new Map(counts.map((c) => [Number(c.seq), c.n]));
  return items.map((e) => ({ ...e, runCount: bySeq.get(e.seq) ?? 0 }));
}

export type EventLookup =
  | { kind: 'found'; event: LoggedEvent }
  | { kind: 'missing' }
  | { kind: 'ambiguous'; sources: string[] };

export async function findEvent(db: Db, id: string, source?: string): Promise<EventLookup> {
  const rows = await db.select().from(events)
    .where(source ? and(eq(events.id, id), eq(events.source, source)) : eq(events.id, id)).limit(20);
  if (rows.length === 0) return { kind: 'missing' };
  if (rows.length > 1) return { kind: 'ambiguous', sources: rows.map((r) => r.source) };
  return { kind: 'found', event: toLoggedEvent(rows[0]) };
}

export async function eventBySeq(db: Db, seq: number): Promise<LoggedEvent | undefined> {
  const [row] = await db.select().from(events).where(eq(events.seq, seq));
  return row ? toLoggedEvent(row) : undefined;
}

/** The event with the runs it started and the events it caused. */
export async function eventDetail(db: Db, event: LoggedEvent) {
  const [started, caused] = await Promise.all([
    db.select({ id: runs.id, workflowId: runs.workflowId, version: runs.version, status: runs.status, replayOf: runs.replayOf, createdAt: runs.createdAt })
      .from(runs).where(eq(runs.eventSeq, event.seq)).orderBy(runs.createdAt),
    db.select().from(events).where(and(eq(events.causationId, event.id), gte(events.seq, event.seq))).orderBy(events.seq).limit(500),
  ]);
  return { ...event, runs: started, caused: caused.map(toLoggedEvent) };
}
