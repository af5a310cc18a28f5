/** What the audit trail records: `causeway.audit.<kind>.<verb>` events in the event log. */
export const AUDIT_KINDS = ['workflow', 'hook', 'run', 'key', 'user', 'invite', 'secret'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export type AuditAction =
  | 'workflow.created' | 'workflow.updated' | 'workflow.deleted' | 'workflow.activated' | 'workflow.deactivated'
  | 'hook.created' | 'hook.updated' | 'hook.deleted' | 'hook.secret_rotated'
  | 'run.retried' | 'run.cancelled'
  | 'key.created' | 'key.revoked'
  | 'user.created' | 'user.joined' | 'user.signed_in' | 'user.role_changed' | 'user.removed' | 'user.password_changed'
  | 'invite.created' | 'invite.revoked'
  | 'secret.created' | 'secret.updated' | 'secret.deleted';

export const AUDIT_SOURCE = '/audit';
export const AUDIT_TYPE_PREFIX = 'causeway.audit.';

export function auditKind(action: AuditAction): AuditKind {
  return action.slice(0, action.indexOf('.')) as AuditKind;
}

/** The subject of an audit event: the changed thing, e.g. `workflows/<id>`. */
export function auditSubject(kind: AuditKind, id: string): string {
  return `${kind}s/${id}`;
}
