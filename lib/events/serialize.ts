import type { events } from '@/db/schema';
import type { LoggedEvent } from './types';

type EventRow = typeof events.$inferSelect;

export function toLoggedEvent(row: EventRow): LoggedEvent {
  const event: LoggedEvent = {
    specversion: '1.0',
    id: row.id,
    source: row.source,
    type: row.type,
    ...row.extensions,
    seq: row.seq,
    receivedAt: row.receivedAt.toISOString(),
  };
  if (row.subject != null) event.subject = row.subject;
  if (row.time != null) event.time = row.time.toISOString();
  if (row.datacontenttype != null) event.datacontenttype = row.datacontenttype;
  if (row.dataschema != null) event.dataschema = row.dataschema;
  if (row.correlationId != null) event.correlationid = row.correlationId;
  if (row.causationId != null) event.causationid = row.causationId;
  if (row.dataBase64 != null) event.data_base64 = row.dataBase64;
  else if (row.data !== null) event.data = row.data;
  return event;
}
