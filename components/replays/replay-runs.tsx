'use client';
/** The runs a replay started: each linked to itself, its event and the original run it replays. */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useApi } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { StatusPill } from '@/components/ui/pill';
import type { ReplayRunsPage } from '@/lib/replays/queries';
import { runHref, shortTime } from './format';
import styles from './replays.module.css';

type Item = ReplayRunsPage['items'][number];

export function ReplayRuns({ replayId, nameOf, refreshKey }: { replayId: string; nameOf(id: string): string; refreshKey: unknown }) {
  const api = useApi();
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.request<ReplayRunsPage>('GET', `/api/replays/${replayId}/runs?limit=50`)
      .then((page) => { if (live) { setItems(page.items); setNext(page.nextCursor); } })
      .catch(() => {});
    return () => { live = false; };
  }, [api, replayId, refreshKey]);
  const more = async () => {
    const page = await api.request<ReplayRunsPage>('GET', `/api/replays/${replayId}/runs?limit=50&cursor=${next}`);
    setItems([...items, ...page.items]);
    setNext(page.nextCursor);
  };
  return (
    <section className={styles.card} aria-label="Replayed runs">
      <h2>Replayed runs</h2>
      <table className={styles.table}>
        <thead><tr><th>Event</th><th>Workflow</th><th>Version</th><th>Status</th><th>Replayed run</th><th>Original run</th><th>Finished</th></tr></thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td><Link className={styles.link} href={`/events/${r.event.seq}`}>{r.event.type ?? '(removed)'} #{r.event.seq}</Link></td>
              <td>{nameOf(r.workflowId)}</td>
              <td>v{r.version}</td>
              <td><StatusPill status={r.status} /></td>
              <td><Link className={styles.link} href={runHref(r.workflowId, r.id)} aria-label={`Replayed run ${r.id.slice(0, 8)}`}>{r.id.slice(0, 8)}</Link></td>
              <td>{r.originalRunId ? <Link className={styles.link} href={runHref(r.workflowId, r.originalRunId)}>{r.originalRunId.slice(0, 8)}</Link> : <span className={styles.muted}>none</span>}</td>
              <td>{shortTime(r.finishedAt)}</td>
            </tr>
          ))}
          {items.length === 0 && <tr><td colSpan={7} className={styles.muted}>No runs yet.</td></tr>}
        </tbody>
      </table>
      {next && <Button size="sm" onClick={more}>More</Button>}
    </section>
  );
}
