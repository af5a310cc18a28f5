import { Pill } from '@/components/ui/pill';
import type { HookView } from '@/lib/hooks/service';
import { schemeLabel } from '@/lib/hooks/scheme-info';
import { shortTime, statusTone } from './format';
import styles from './webhooks.module.css';

type Listed = HookView & { lastDelivery: { status: number; receivedAt: string; count: number } | null };

export function HooksTable({ hooks }: { hooks: Listed[] }) {
  if (hooks.length === 0) return <div className={`${styles.deliveries} ${styles.empty}`}>No endpoints yet.</div>;
  return (
    <table aria-label="Endpoints">
      <thead>
        <tr><th>Name</th><th>Verification</th><th>Event type</th><th>URL</th><th>Last delivery</th><th>Deliveries</th></tr>
      </thead>
      <tbody>
        {hooks.map((hook) => (
          <tr key={hook.id}>
            <td><a className={styles.link} href={`/webhooks/${hook.id}`}>{hook.name}</a></td>
            <td>
              {hook.verify.scheme === 'none'
                ? <Pill tone="danger" title="No verification: anyone with the URL can send events">unsigned</Pill>
                : <Pill tone="neutral">{schemeLabel(hook.verify.scheme)}</Pill>}
            </td>
            <td><code>{hook.eventType}</code></td>
            <td><code className={styles.url}>{hook.url}</code></td>
            <td>
              {hook.lastDelivery
                ? <span className={styles.runs}><Pill tone={statusTone(hook.lastDelivery.status)}>{hook.lastDelivery.status}</Pill><span className={styles.small}>{shortTime(hook.lastDelivery.receivedAt)}</span></span>
                : <span className={styles.small}>none yet</span>}
            </td>
            <td>{hook.lastDelivery?.count ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
