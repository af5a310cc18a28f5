import type { Db } from '@/db/client';
import { listEvents } from '@/lib/events/query';
import { AUDIT_KINDS, AUDIT_SOURCE, AUDIT_TYPE_PREFIX, type AuditKind } from './actions';
import type { AuditEntryData } from './record';

export interface AuditEntry extends AuditEntryData {
  seq: number;
  at: string;
  action: string;
}

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === 'string' && (AUDIT_KINDS as readonly string[]).includes(value);
}

/** The audit trail, newest first: the `causeway.audit.*` events of the log, optionally of one kind. */
export async function listAudit(db: Db, opts: { kind?: AuditKind; limit: number; cursor?: string }) {
  const page = await listEvents(db, {
    type: opts.kind ? `${AUDIT_TYPE_PREFIX}${opts.kind}.*` : `${AUDIT_TYPE_PREFIX}**`,
    source: AUDIT_SOURCE, limit: opts.limit, cursor: opts.cursor,
  });
  const items: AuditEntry[] = page.items.map((e) => ({
    seq: e.seq, at: e.receivedAt, action: e.type.slice(AUDIT_TYPE_PREFIX.length), ...(e.data as AuditEntryData),
  }));
  return { items, nextCursor: page.nextCursor };
}
