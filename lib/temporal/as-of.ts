import { and, desc, eq, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import { typePatternToPostgresRegex } from '@/lib/engine/type-pattern';
import { toLoggedEvent } from '@/lib/events/serialize';
import type { LoggedEvent } from '@/lib/events/types';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { REPLAY_ID_EXTENSION } from '@/lib/replays/marks';

export interface AsOfFilters {
  /** What the log knew at this moment: events received at or before it (their own `time` does not count). */
  asOf: Date;
  type?: string;
  source?: string;
  subject?: string;
  /** Also events that replays emitted (left out by default: they are re-enactments, not history). */
  includeReplays?: boolean;
}

export function asOfFilter(f: AsOfFilters): SQL {
  const where: (SQL | undefined)[] = [
    lte(events.receivedAt, f.asOf),
    f.type ? sql`${events.type} ~ ${typePatternToPostgresRegex(f.type)}` : undefined,
    f.source ? eq(events.source, f.source) : undefined,
    f.subject ? eq(events.subject, f.subject) : undefined,
    f.includeReplays ? undefined : sql`${events.extensions}->>${REPLAY_ID_EXTENSION} is null`,
  ];
  return and(...where)!;
}

/** The log as it stood at `asOf`, newest first, a page at a time. */
export async function logAsOf(db: Db, f: AsOfFilters & { limit: number; cursor?: string }): Promise<{ asOf: string; items: LoggedEvent[]; nextCursor: string | null }> {
  const cursor = decodeCursor(f.cursor);
  const rows = await db.select().from(events)
    .where(and(asOfFilter(f), cursor === undefined ? undefined : lt(events.seq, cursor)))
    .orderBy(desc(events.seq)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return { asOf: f.asOf.toISOString(), items: page.map(toLoggedEvent), nextCursor: rows.length > f.limit ? encodeCursor(page[page.length - 1].seq) : null };
}
