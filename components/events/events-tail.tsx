'use client';
/**
 * The event log, live: newest first, filtered by type pattern, source, subject, correlation id and
 * time range; new events slide in at the top as they are routed, unless paused. Rows are
 * virtualised, so a long tail stays smooth. `actions` puts more buttons in the toolbar (Replay).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiRequestError, useApi } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { LiveIndicator } from '@/components/live/live-indicator';
import { useLiveStream } from '@/components/live/use-live-stream';
import { VirtualList } from '@/components/live/virtual-list';
import type { LiveEventSummary, LiveMessage } from '@/lib/live/types';
import { listQuery, pageQuery, streamQuery, type EventFilterValues } from './event-filters';
import styles from './events.module.css';

interface Row extends LiveEventSummary { runs?: number; fresh?: boolean }

const KEEP = 5_000;
const PAGE = 100;

const time = (iso: string) => {
  const d = new Date(iso);
  return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

function summary(e: Record<string, unknown>): Row {
  const { data: _data, data_base64: _b64, specversion: _v, runCount, ...rest } = e;
  return { ...rest, ...(typeof runCount === 'number' ? { runs: runCount } : {}) } as unknown as Row;
}

/** Newest first, one row per seq, at most KEEP rows. */
function mergeRows(rows: readonly Row[], incoming: readonly Row[]): Row[] {
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  for (const r of incoming) bySeq.set(r.seq, { ...bySeq.get(r.seq), ...r });
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, KEEP);
}

function Filters({ value, onApply }: { value: EventFilterValues; onApply(v: EventFilterValues): void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const field = (key: keyof EventFilterValues, label: string, placeholder = '', type = 'text') => (
    <label>{label}
      <input type={type} value={draft[key]} placeholder={placeholder} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className={styles.filters} onSubmit={submit} aria-label="Filter events">
      {field('type', 'Type pattern', 'e.g. order.* or payment.**')}
      {field('source', 'Source', 'e.g. /shop')}
      {field('subject', 'Subject')}
      {field('correlationId', 'Correlation id')}
      {field('after', 'After', '', 'datetime-local')}
      {field('before', 'Before', '', 'datetime-local')}
      <Button type="submit" variant="primary">Apply</Button>
    </form>
  );
}

export function EventsTail({ initialFilters, initialCursor, actions }: {
  initialFilters: EventFilterValues;
  /** Where the page was read, so the stream resumes from there. */
  initialCursor: string;
  actions?: ReactNode;
}) {
  const api = useApi();
  const router = useRouter();
  const [filters, setFilters] = useState(initialFilters);
  const [rows, setRows] = useState<Row[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const held = useRef<Row[]>([]);
  const [heldCount, setHeldCount] = useState(0);
  const [cursor, setCursor] = useState<string | undefined>(initialCursor);

  const load = useCallback(async (f: EventFilterValues, after?: string) => {
    setLoading(true);
    setProblem(null);
    try {
      const page = await api.request<{ items: Record<string, unknown>[]; nextCursor: string | null }>('GET', `/api/events?${listQuery(f, { limit: String(PAGE), ...(after && { cursor: after }) })}`);
      const items = page.items.map(summary);
      setRows((old) => mergeRows(old, items));
      setNext(page.nextCursor);
    } catch (e) {
      setProblem(e instanceof ApiRequestError ? e.message : String(e));
      if (!after) setRows([]);
    } finally {
      setLoading(false);
    }
  }, [api]);
  useEffect(() => { void load(initialFilters); }, [load, initialFilters]);

  const onMessages = useCallback((batch: LiveMessage[]) => {
    const incoming: Row[] = [];
    for (const m of batch) if (m.type === 'event.appended') incoming.push({ ...m.event, runs: m.runs.length, fresh: true });
    if (incoming.length === 0) return;
    if (paused) {
      held.current = mergeRows(held.current, incoming);
      setHeldCount(held.current.length);
    } else {
      setRows((old) => mergeRows(old, incoming));
    }
  }, [paused]);
  const live = useLiveStream(streamQuery(filters), onMessages, { lastEventId: cursor, onReset: () => void load(filters) });

  const apply = (f: EventFilterValues) => {
    setFilters(f);
    setRows([]);
    setCursor(undefined);
    held.current = [];
    setHeldCount(0);
    router.replace(`/events${pageQuery(f) ? `?${pageQuery(f)}` : ''}`, { scroll: false });
    void load(f);
  };
  const resume = () => {
    const waiting = held.current;
    setRows((old) => mergeRows(old, waiting));
    held.current = [];
    setHeldCount(0);
    setPaused(false);
  };

  return (
    <div className={styles.page}>
      <div className={styles.toolbar} role="toolbar" aria-label="Events">
        <h1>Events</h1>
        <LiveIndicator state={filters.before ? 'off' : paused ? 'off' : live} label={filters.before ? 'Time range ended' : paused ? 'Paused' : undefined} />
        <div className={styles.spacer} />
        {paused
          ? <Button variant="primary" onClick={resume}>Resume{heldCount > 0 ? ` (${heldCount} new)` : ''}</Button>
          : <Button onClick={() => setPaused(true)} disabled={Boolean(filters.before)}>Pause</Button>}
        {actions}
      </div>
      <Filters value={filters} onApply={apply} />
      {problem && <p className={styles.problem} role="alert">{problem}</p>}
      <div className={styles.table}>
        <div className={styles.head} aria-hidden="true">
          <span>Seq</span><span>Received</span><span>Type</span><span>Subject</span><span>Source</span><span>Runs</span>
        </div>
        <VirtualList items={rows} rowHeight={34} className={styles.list} label="Event log" rowKey={(r) => String(r.seq)}
          renderRow={(r) => (
            <Link href={`/events/${r.seq}`} className={`${styles.row} ${r.fresh ? styles.fresh : ''}`} data-seq={r.seq}>
              <span>#{r.seq}</span>
              <span>{time(r.receivedAt)}</span>
              <code>{r.type}</code>
              <span>{r.subject ?? ''}</span>
              <code className={styles.muted}>{r.source}</code>
              <span className={styles.muted}>{r.runs ?? ''}</span>
            </Link>
          )} />
        <div className={styles.footer}>
          <span className={styles.muted}>{loading ? 'Loading…' : `${rows.length} event${rows.length === 1 ? '' : 's'} shown`}</span>
          {next && <Button size="sm" disabled={loading} onClick={() => void load(filters, next)}>Load older</Button>}
        </div>
      </div>
    </div>
  );
}
