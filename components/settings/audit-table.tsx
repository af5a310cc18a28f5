import { actionText, actorText, targetHref } from '@/lib/audit/describe';
import type { AuditEntry } from '@/lib/audit/list';
import styles from './settings.module.css';
import { whenExactly } from './when';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table className={styles.table} aria-label="Audit trail">
      <thead><tr><th>When</th><th>Who</th><th>What</th><th>Event</th></tr></thead>
      <tbody>
        {entries.length === 0 && <tr><td colSpan={4} className={styles.empty}>Nothing recorded yet.</td></tr>}
        {entries.map((e) => {
          const href = targetHref(e);
          return (
            <tr key={e.seq}>
              <td>{whenExactly(e.at)}</td>
              <td>{actorText(e)} <span className={styles.role}>{e.actor.role}</span></td>
              <td>{href ? <a href={href}>{actionText(e)}</a> : actionText(e)}</td>
              <td><code>causeway.audit.{e.action}</code></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
