'use client';
/** Every replay, newest first, with its progress; refreshed while any is going on. */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useApi } from '@/components/ui/api';
import { StatusPill } from '@/components/ui/pill';
import type { ReplayView } from '@/lib/replays/present';
import { shortTime } from './format';
import { ReplayButton } from './replay-button';
import styles from './replays.module.css';
import { useWorkflows } from './use-workflows';

export function ReplaysList({ initial }: { initial: ReplayView[] }) {
  const api = useApi();
  const { nameOf } = useWorkflows();
  const [items, setItems] = useState(initial);
  const going = items.some((r) => r.status === 'running' || r.status === 'paused');
  useEffect(() => {
    if (!going) return;
    const timer = setInterval(() => {
      api.request<{ items: ReplayView[] }>('GET', '/api/replays?limit=50').then((r) => setItems(r.items)).catch(() => {});
    }, 2_000);
    return () => clearInterval(timer);
  }, [api, going]);
  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <h1>Replays</h1>
        <span className={styles.spacer} />
        <Link className={styles.link} href="/subjects">History as of a moment →</Link>
        <ReplayButton label="New replay…" />
      </div>
      <table className={styles.table}>
        <thead><tr><th>Replay</th><th>Kind</th><th>Range</th><th>Workflows</th><th>Version</th><th>Status</th><th className={styles.num}>Events</th><th className={styles.num}>Runs</th></tr></thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td><Link className={styles.link} href={`/replays/${r.id}`}>{r.id.slice(0, 8)}</Link></td>
              <td>{r.kind}</td>
              <td>{shortTime(r.from)} – {shortTime(r.to)}{r.type ? <> · <code>{r.type}</code></> : null}</td>
              <td>{r.workflowIds ? r.workflowIds.map(nameOf).join(', ') : 'all'}</td>
              <td>{r.version}</td>
              <td><StatusPill status={r.status} /></td>
              <td className={styles.num}>{r.progress.events.done}/{r.progress.events.total}</td>
              <td className={styles.num}>{r.kind === 'shadow' ? `${r.progress.differing ?? 0} differ` : `${r.progress.runs.finished}/${r.progress.runs.started}`}</td>
            </tr>
          ))}
          {items.length === 0 && <tr><td colSpan={8} className={styles.muted}>No replays yet. Start one here or from the events page.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
