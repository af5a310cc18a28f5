import type { Db } from '@/db/client';
import { eventBySeq } from '@/lib/events/query';
import type { LoggedEvent } from '@/lib/events/types';

const cache = new Map<number, LoggedEvent>();
const MAX_CACHED = 5000;

/** Logged events never change, so each step of a run need not read its trigger event again. */
export async function triggerEvent(db: Db, seq: number): Promise<LoggedEvent> {
  const hit = cache.get(seq);
  if (hit) return hit;
  const event = await eventBySeq(db, seq);
  if (!event) throw new Error(`event ${seq} is not in the log`);
  rememberTriggerEvent(event);
  return event;
}

/** Routing has the event in hand already: the steps of the runs it starts find it here. */
export function rememberTriggerEvent(event: LoggedEvent): void {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(event.seq, event);
}
