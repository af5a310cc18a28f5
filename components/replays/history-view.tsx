'use client';
/**
 * "What did we know at T": for a subject, its events received up to T in order and its state
 * folded from them (the last value of each field of data, and which event set it); without a
 * subject, the whole log as it stood at T.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, useApi } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import type { LoggedEvent } from '@/lib/events/types';
import type { SubjectView } from '@/lib/temporal/subject';
import { fromLocalInput, shortTime, toLocalInput } from './format';
import styles from './replays.module.css';

export interface HistoryQuery {
  subject: string;
  /** ISO time; empty = now */
  asOf: string;
  includeReplays: boolean;
}

type LogPage = { asOf: string; items: LoggedEvent[]; nextCursor: string | null };

const preview = (data: unknown) => {
  const text = JSON.stringify(data ?? null);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

function SubjectState({ view }: { view: SubjectView }) {
  const keys = Object.keys(view.state).sort();
  return (
    <div className={styles.twoCols}>
      <section className={styles.card} aria-label="State">
        <h2>State of <code>{view.subject}</code> at {shortTime(view.asOf)}</h2>
        {keys.length === 0 ? <p className={styles.muted}>Nothing was known yet.</p> : (
          <table className={styles.table}>
            <thead><tr><th>Field</th><th>Value</th><th>Set by</th></tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k}>
                  <td><code>{k}</code></td>
                  <td><code>{JSON.stringify(view.state[k])}</code></td>
                  <td><Link className={styles.link} href={`/events/${view.fields[k].seq}`}>{view.fields[k].type}</Link> <span className={styles.muted}>{shortTime(view.fields[k].receivedAt)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className={styles.card} aria-label="History">
        <h2>History: {view.total} event{view.total === 1 ? '' : 's'}{view.truncated ? ` (the last ${view.events.length})` : ''}</h2>
        <table className={styles.table}>
          <thead><tr><th>Received</th><th>Type</th><th>Data</th></tr></thead>
          <tbody>
            {view.events.map((e) => (
              <tr key={e.seq}>
                <td>{shortTime(e.receivedAt)}</td>
                <td><Link className={styles.link} href={`/events/${e.seq}`}>{e.type}</Link></td>
                <td><code>{preview(e.data)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function LogAsOf({ page, onMore }: { page: LogPage; onMore(): void }) {
  return (
    <section className={styles.card} aria-label="Log">
      <h2>The log at {shortTime(page.asOf)}, newest first</h2>
      <table className={styles.table}>
        <thead><tr><th>Seq</th><th>Received</th><th>Type</th><th>Subject</th><th>Source</th></tr></thead>
        <tbody>
          {page.items.map((e) => (
            <tr key={e.seq}>
              <td><Link className={styles.link} href={`/events/${e.seq}`}>#{e.seq}</Link></td>
              <td>{shortTime(e.receivedAt)}</td>
              <td><code>{e.type}</code></td>
              <td>{e.subject ? <Link className={styles.link} href={`/subjects?subject=${encodeURIComponent(e.subject)}&asOf=${encodeURIComponent(page.asOf)}`}>{e.subject}</Link> : ''}</td>
              <td><code>{e.source}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor && <Button size="sm" onClick={onMore}>More</Button>}
    </section>
  );
}

export function HistoryView({ initial }: { initial: HistoryQuery }) {
  const api = useApi();
  const router = useRouter();
  const [subject, setSubject] = useState(initial.subject);
  const [asOf, setAsOf] = useState(initial.asOf ? toLocalInput(new Date(initial.asOf)) : '');
  const [includeReplays, setIncludeReplays] = useState(initial.includeReplays);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [view, setView] = useState<SubjectView | null>(null);
  const [log, setLog] = useState<LogPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async (q: HistoryQuery) => {
    setProblem(null);
    const at = q.asOf || new Date().toISOString();
    const extra = q.includeReplays ? '&includeReplays=true' : '';
    try {
      if (q.subject) {
        setLog(null);
        setView(await api.request<SubjectView>('GET', `/api/subjects/state?subject=${encodeURIComponent(q.subject)}&asOf=${encodeURIComponent(at)}${extra}`));
      } else {
        setView(null);
        setLog(await api.request<LogPage>('GET', `/api/history?asOf=${encodeURIComponent(at)}&limit=100${extra}`));
      }
    } catch (err) {
      setProblem(err instanceof ApiRequestError ? err.message : 'The request failed.');
    }
  }, [api]);

  useEffect(() => { void load(initial); }, [load, initial]);
  useEffect(() => {
    if (subject.length < 1) return setSuggestions([]);
    const timer = setTimeout(() => {
      api.request<{ items: { subject: string }[] }>('GET', `/api/subjects?prefix=${encodeURIComponent(subject)}&limit=10`)
        .then((r) => setSuggestions(r.items.map((i) => i.subject))).catch(() => {});
    }, 200);
    return () => clearTimeout(timer);
  }, [api, subject]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const iso = fromLocalInput(asOf) ?? '';
    const q = new URLSearchParams();
    if (subject) q.set('subject', subject);
    if (iso) q.set('asOf', iso);
    if (includeReplays) q.set('includeReplays', 'true');
    router.replace(`/subjects?${q}`);
    void load({ subject, asOf: iso, includeReplays });
  };
  const more = async () => {
    if (!log?.nextCursor) return;
    const page = await api.request<LogPage>('GET', `/api/history?asOf=${encodeURIComponent(log.asOf)}&limit=100&cursor=${log.nextCursor}${includeReplays ? '&includeReplays=true' : ''}`);
    setLog({ ...page, items: [...log.items, ...page.items] });
  };

  return (
    <div className={styles.page}>
      <div className={styles.toolbar}><h1>History</h1><span className={styles.spacer} /><Link className={styles.link} href="/replays">Replays →</Link></div>
      <form className={styles.inline} onSubmit={submit} aria-label="As of">
        <label>Subject
          <input list="subject-suggestions" value={subject} placeholder="order-42 (empty: the whole log)" onChange={(e) => setSubject(e.target.value)} />
          <datalist id="subject-suggestions">{suggestions.map((s) => <option key={s} value={s} />)}</datalist>
        </label>
        <label>As of<input type="datetime-local" step={1} value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
        <label className={styles.choice}><input type="checkbox" checked={includeReplays} onChange={(e) => setIncludeReplays(e.target.checked)} />include events replays emitted</label>
        <Button type="submit" variant="primary">Show</Button>
        <Button onClick={() => setAsOf(toLocalInput(new Date()))}>Now</Button>
      </form>
      <p className={styles.muted}>What the log knew at that moment: events received up to then (an event&apos;s own <code>time</code> does not count, only when it arrived).</p>
      {problem && <p className={styles.problem} role="alert">{problem}</p>}
      {view && <SubjectState view={view} />}
      {log && <LogAsOf page={log} onMore={more} />}
    </div>
  );
}
