import type { AuditEntry } from './list';

/** Who did it, in words. */
export function actorText(entry: AuditEntry): string {
  const a = entry.actor;
  return a.kind === 'user' ? a.email : a.id ? `API key “${a.name}”` : 'bootstrap API key';
}

const VERBS: Record<string, string> = {
  created: 'created', updated: 'changed', deleted: 'deleted', activated: 'activated', deactivated: 'deactivated',
  secret_rotated: 'rotated the secret of', retried: 'retried', cancelled: 'cancelled', revoked: 'revoked',
  joined: 'joined as', signed_in: 'signed in', role_changed: 'changed the role of', removed: 'removed',
  password_changed: 'changed their password',
};

/** What happened, in words: "changed the role of bob@example.com from viewer to editor". */
export function actionText(entry: AuditEntry): string {
  const [kind, verb = ''] = entry.action.split('.') as [string, string?];
  const name = entry.target.name ?? entry.target.id;
  const d = entry.details ?? {};
  if (entry.action === 'user.signed_in' || entry.action === 'user.password_changed') return VERBS[verb]!;
  if (entry.action === 'user.joined') return `joined as ${String(d.role)}`;
  if (entry.action === 'user.created') return `created the ${d.owner ? 'owner ' : ''}account ${name}`;
  if (entry.action === 'user.role_changed') return `changed the role of ${name} from ${String(d.from)} to ${String(d.to)}`;
  if (entry.action === 'invite.created') return `invited ${name} as ${String(d.role)}`;
  if (entry.action === 'invite.revoked') return `revoked the invite of ${name}`;
  if (entry.action === 'key.created') return `created the ${String(d.role)} API key “${name}”`;
  const noun = { workflow: 'workflow', hook: 'webhook', run: 'run', key: 'API key', user: 'user', invite: 'invite', secret: 'secret' }[kind] ?? kind;
  return `${VERBS[verb] ?? verb} ${noun} ${name}`;
}

/** Where the target can be seen, when it has a page. */
export function targetHref(entry: AuditEntry): string | null {
  const { kind, id } = entry.target;
  if (entry.action.endsWith('.deleted')) return null;
  if (kind === 'workflow') return `/workflows/${id}`;
  if (kind === 'hook') return `/webhooks/${id}`;
  return null;
}
