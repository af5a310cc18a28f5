import { sql, type SQL } from 'drizzle-orm';
import { events } from '@/db/schema';
import { typePatternToPostgresRegex } from '@/lib/engine/type-pattern';
import { REPLAY_ID_EXTENSION } from './marks';

export interface EventRange {
  fromAt: Date;
  toAt: Date;
  typePattern: string | null;
  source: string | null;
}

/**
 * The events a replay covers: received in [from, to] (what the log knew, not the senders' `time`),
 * of the type pattern and source if given, and never events that replays emitted themselves.
 */
export function rangeFilter(r: EventRange): SQL {
  const parts: SQL[] = [
    sql`${events.receivedAt} >= ${r.fromAt.toISOString()}::timestamptz`,
    sql`${events.receivedAt} <= ${r.toAt.toISOString()}::timestamptz`,
    sql`${events.extensions}->>${REPLAY_ID_EXTENSION} is null`,
  ];
  if (r.typePattern) parts.push(sql`${events.type} ~ ${typePatternToPostgresRegex(r.typePattern)}`);
  if (r.source) parts.push(sql`${events.source} = ${r.source}`);
  return sql.join(parts, sql` and `);
}
