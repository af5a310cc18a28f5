import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChainGraph } from '@/components/events/chain-graph';
import { EventActions } from '@/components/replays/event-actions';
import { ApiProvider } from '@/components/ui/api';
import styles from '@/components/events/events.module.css';
import { requirePage } from '@/lib/auth/next/page';
import { causalChain } from '@/lib/events/chain';
import { eventBySeq } from '@/lib/events/query';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Event · Causeway' };

/** One event: its attributes and data, and its causal chain as a graph. */
export default async function EventPage({ params }: { params: Promise<{ seq: string }> }) {
  const viewer = await requirePage();
  const { seq: raw } = await params;
  const seq = Number(raw);
  if (!Number.isSafeInteger(seq) || seq < 1) notFound();
  const db = getServices().database.db;
  const [event, chain] = await Promise.all([eventBySeq(db, seq), causalChain(db, seq)]);
  if (!event || !chain) notFound();
  const { data, data_base64: base64, ...attributes } = event;
  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <Link href="/events" className={styles.muted}>← Events</Link>
        <h1><code>{event.type}</code> #{event.seq}</h1>
        <span className={styles.spacer} />
        <ApiProvider csrfToken={viewer.csrfToken} role={viewer.role}><EventActions event={event} /></ApiProvider>
      </div>
      <section className={styles.card} aria-label="Causal chain">
        <h2>Causal chain: {chain.events.length} events, {chain.runs.length} runs{chain.truncated ? ' (the first 500 events)' : ''}</h2>
        <ChainGraph chain={JSON.parse(JSON.stringify(chain))} />
        <p className={styles.legend}>
          <span style={{ ['--c' as string]: '#7c3aed' }}>started a run</span>
          <span style={{ ['--c' as string]: '#0d8f83' }}>emitted by a run</span>
          <span style={{ ['--c' as string]: '#c26a04' }}>ended a wait</span>
          <span style={{ ['--c' as string]: '#9aa1ab' }}>caused</span>
        </p>
      </section>
      <div className={styles.detail}>
        <section className={styles.card} aria-label="Event">
          <h2>Attributes</h2>
          <pre className={styles.pre}>{JSON.stringify(attributes, null, 2)}</pre>
          <h2 style={{ marginTop: 12 }}>Data</h2>
          <pre className={styles.pre}>{base64 !== undefined ? `(base64) ${base64}` : JSON.stringify(data ?? null, null, 2)}</pre>
        </section>
        <section className={styles.card} aria-label="Runs in the chain">
          <h2>Runs in the chain</h2>
          <ul className={styles.links}>
            {chain.runs.map((r) => (
              <li key={r.id}><Link href={`/workflows/${r.workflowId}/runs/${r.id}`}>{r.workflowName}</Link> <span className={styles.muted}>{r.status} · started by #{r.eventSeq}</span></li>
            ))}
            {chain.runs.length === 0 && <li className={styles.muted}>none</li>}
          </ul>
          <h2 style={{ marginTop: 12 }}>Events in the chain</h2>
          <ul className={styles.links}>
            {chain.events.map((e) => (
              <li key={e.seq}><Link href={`/events/${e.seq}`}>{e.type}</Link> <span className={styles.muted}>#{e.seq}{e.subject ? ` · ${e.subject}` : ''}</span></li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
