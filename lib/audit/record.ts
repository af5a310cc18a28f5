import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { events } from '@/db/schema';
import type { Principal } from '@/lib/auth/principal';
import type { Role } from '@/lib/auth/roles';
import { appendEvents, type AppendDeps } from '@/lib/events/append';
import type { Logger } from '@/lib/logger';
import type { Services } from '@/lib/server/services';
import { AUDIT_SOURCE, AUDIT_TYPE_PREFIX, auditKind, auditSubject, type AuditAction } from './actions';

export type AuditActor =
  | { kind: 'user'; id: string; email: string; role: Role }
  | { kind: 'api-key'; id: string | null; name: string; role: Role };

export function actorOf(p: Principal): AuditActor {
  return p.kind === 'session'
    ? { kind: 'user', id: p.userId, email: p.email, role: p.role }
    : { kind: 'api-key', id: p.keyId, name: p.keyId ? p.name : 'bootstrap', role: p.role };
}

export interface AuditTarget {
  id: string;
  name?: string | null;
}

export interface AuditEntryData {
  actor: AuditActor;
  target: { kind: string; id: string; name?: string };
  details?: Record<string, unknown>;
}

/** Edits by the same actor to the same workflow within this time are one `workflow.updated` entry (autosave). */
const COALESCE_MS = 10 * 60 * 1000;

async function recentlyRecorded(deps: AppendDeps, type: string, subject: string, actor: AuditActor): Promise<boolean> {
  const [last] = await deps.db.select({ type: events.type, data: events.data, receivedAt: events.receivedAt }).from(events)
    .where(and(eq(events.subject, subject), eq(events.source, AUDIT_SOURCE))).orderBy(desc(events.seq)).limit(1);
  if (!last || last.type !== type || Date.now() - last.receivedAt.getTime() > COALESCE_MS) return false;
  const previous = (last.data as AuditEntryData | null)?.actor;
  return previous?.kind === actor.kind && previous.id === actor.id;
}

/**
 * Appends `causeway.audit.<action>` to the event log. Called after the change committed; a failure
 * to record is logged, not thrown, since the change itself has happened.
 */
export async function recordAudit(
  deps: AppendDeps & { logger?: Logger },
  actor: AuditActor,
  action: AuditAction,
  target: AuditTarget,
  details?: Record<string, unknown>,
): Promise<void> {
  const kind = auditKind(action);
  const type = AUDIT_TYPE_PREFIX + action;
  const subject = auditSubject(kind, target.id);
  try {
    if (action === 'workflow.updated' && await recentlyRecorded(deps, type, subject, actor)) return;
    const data: AuditEntryData = {
      actor,
      target: { kind, id: target.id, ...(target.name ? { name: target.name } : {}) },
      ...(details ? { details } : {}),
    };
    // The audit trail is a record, not a trigger: its events start no workflow.
    await appendEvents(deps, [{ id: randomUUID(), source: AUDIT_SOURCE, type, subject, data, datacontenttype: 'application/json' }], { route: false });
  } catch (err) {
    deps.logger?.error({ err, action, target: target.id }, 'could not record an audit event');
  }
}

export function auditDeps(services: Services) {
  return { db: services.database.db, producer: services.producer, logger: services.logger };
}

/** Records what the caller of a route (a person or an API key) just did. */
export function auditAs(services: Services, principal: Principal, action: AuditAction, target: AuditTarget, details?: Record<string, unknown>): Promise<void> {
  return recordAudit(auditDeps(services), actorOf(principal), action, target, details);
}
