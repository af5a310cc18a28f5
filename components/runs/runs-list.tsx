'use client';
/**
 * Runs, newest first, one page at a time (keyset cursors, so page 2,000 costs what page 1 does),
 * filtered by workflow, status, time and triggering event. Rows change status live; new runs that
 * match the filters appear at the top of the first page.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, useApi } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { StatusPill } from '@/components/ui/pill';
import { LiveIndicator } from '@/components/live/live-indicator';
import { useLiveStream } from '@/components/live/use-live-stream';
import type { LiveMessage } from '@/lib/live/types';
import { formatDuration } from './run-model';
import styles from './runs-list.module.css';

export interface RunFilterValues { workflowId: string; status: string; after: string; before: string; eventId: string }
interface RunRow {
  id: string; workflowId: string; status: string; eventSeq?: number; version?: number;
  createdAt: string | null; startedAt?: string | null; finishedAt?: string | null; fresh?: boolean;
}

const PAGE = 50;
const STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];
const isoOf = (local: string) => (local ? new Date(local).toISOString() : '');
const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { hour12: false }) : '—');

function query(f: RunFilterValues, cursor?: string): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (f.workflowId) q.set('workflowId', f.workflowId);
  if (f.status) q.set('status', f.status);
  if (f.after) q.set('after', isoOf(f.after));
  if (f.before) q.set('before', isoOf(f.before));
  if (f.eventId) q.set('eventId', f.eventId);
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** Whether a run that just started belongs on the first page under these filters. */
function admits(f: RunFilterValues, run: RunRow): boolean {
  if (f.workflowId && run.workflowId !== f.workflowId) return false;
  if (f.status && run.status !== f.status) return false;
  if (f.before || f.eventId) return false;
  return !(f.after && run.createdAt && run.createdAt < isoOf(f.after));
}

export function RunsList({ workflows, initialFilters, initialCursor }: {
  workflows: { id: string; name: string }[];
  initialFilters: RunFilterValues;
  initialCursor: string;
}) {
  const api = useApi();
  const router = useRouter();
  const names = new Map(workflows.map((w) => [w.id, w.name]));
  const [filters, setFilters] = useState(initialFilters);
  const [draft, setDraft] = useState(initialFilters);
  const [rows, setRows] = useState<RunRow[]>([]);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const page = pages[pages.length - 1];

  useEffect(() => {
    let current = true;
    setLoading(true);
    setProblem(null);
    api.request<{ items: RunRow[]; nextCursor: string | null }>('GET', `/api/runs?${query(filters, page)}`).then((r) => {
      if (!current) return;
      setRows(r.items);
      setNext(r.nextCursor);
    }).catch((e) => {
      if (current) setProblem(e instanceof ApiRequestError ? e.message : String(e));
    }).finally(() => { if (current) setLoading(false); });
    return () => { current = false; };
  }, [api, filters, page]);

  const onMessages = useCallback((batch: LiveMessage[]) => {
    setRows((old) => {
      let rowsNow = old;
      for (const m of batch) {
        if (m.type !== 'run.updated') continue;
        const i = rowsNow.findIndex((r) => r.id === m.runId);
        const patch = {
          status: m.status, ...(m.startedAt !== undefined && { startedAt: m.startedAt }),
          ...(m.finishedAt !== undefined && { finishedAt: m.finishedAt }),
        };
        if (i >= 0) {
          rowsNow = rowsNow.slice();
          rowsNow[i] = { ...rowsNow[i], ...patch };
        } else if (m.createdAt && page === undefined) {
          const row: RunRow = { id: m.runId, workflowId: m.workflowId, eventSeq: m.eventSeq, version: m.version, createdAt: m.createdAt, ...patch, fresh: true };
          if (admits(filters, row)) rowsNow = [row, ...rowsNow].slice(0, PAGE);
        }
      }
      return rowsNow;
    });
  }, [filters, page]);
  const streamQuery = filters.workflowId ? `type=run.updated&workflowId=${filters.workflowId}` : 'type=run.updated';
  const live = useLiveStream(streamQuery, onMessages, { lastEventId: initialCursor });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
    setPages([undefined]);
    const q = new URLSearchParams(Object.entries(draft).filter(([, v]) => v));
    router.replace(`/runs${q.size ? `?${q}` : ''}`, { scroll: false });
  };
  const set = (key: keyof RunFilterValues) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <h1>Runs</h1>
        <LiveIndicator state={live} />
        <div className={styles.spacer} />
      </div>
      <form className={styles.filters} onSubmit={apply} aria-label="Filter runs">
        <label>Workflow
          <select value={draft.workflowId} onChange={set('workflowId')}>
            <option value="">All workflows</option>
            {workflows.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
          </select>
        </label>
        <label>Status
          <select value={draft.status} onChange={set('status')}>
            <option value="">Any status</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>Started after<input type="datetime-local" value={draft.after} onChange={set('after')} /></label>
        <label>Started before<input type="datetime-local" value={draft.before} onChange={set('before')} /></label>
        <label>Event id<input value={draft.eventId} onChange={set('eventId')} placeholder="the triggering event's id" /></label>
        <Button type="submit" variant="primary">Apply</Button>
      </form>
      {problem && <p className={styles.problem} role="alert">{problem}</p>}
      <table className={styles.table} aria-label="Runs" aria-busy={loading}>
        <thead><tr><th>Run</th><th>Workflow</th><th>Status</th><th>Started</th><th>Duration</th><th>Event</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.fresh ? styles.fresh : undefined} data-run={r.id}>
              <td><Link href={`/workflows/${r.workflowId}/runs/${r.id}`}><code>{r.id.slice(0, 8)}</code></Link></td>
              <td>{names.get(r.workflowId) ?? r.workflowId.slice(0, 8)}{r.version ? <span className={styles.muted}> v{r.version}</span> : null}</td>
              <td><StatusPill status={r.status} /></td>
              <td>{when(r.createdAt)}</td>
              <td>{r.startedAt && r.finishedAt ? formatDuration(Date.parse(r.finishedAt) - Date.parse(r.startedAt)) : '—'}</td>
              <td>{r.eventSeq ? <Link href={`/events/${r.eventSeq}`}>#{r.eventSeq}</Link> : '—'}</td>
            </tr>
          ))}
          {!loading && rows.length === 0 && <tr><td colSpan={6} className={styles.muted}>No runs match.</td></tr>}
        </tbody>
      </table>
      <div className={styles.pager}>
        <Button size="sm" disabled={pages.length === 1} onClick={() => setPages([undefined])}>Newest</Button>
        <Button size="sm" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>Newer</Button>
        <Button size="sm" disabled={!next} onClick={() => next && setPages([...pages, next])}>Older</Button>
        <span className={styles.muted}>page {pages.length}</span>
      </div>
    </div>
  );
}
