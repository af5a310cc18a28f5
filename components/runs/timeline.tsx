'use client';
/**
 * The run's steps as a Gantt chart (one row per step, virtualised) under a time-travel scrubber:
 * moving it redraws the graph as it was at that instant; the arrows step from one recorded change
 * to the next.
 */
import { memo, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { VirtualList } from '@/components/live/virtual-list';
import type { StepStatus } from '@/components/editor/overlay';
import { formatDuration, historyInstants, statusAt, type StepView } from './run-model';
import styles from './run-page.module.css';

const ROW = 24;
const ms = (s: string | null | undefined) => (s ? Date.parse(s) : NaN);

interface Props {
  steps: ReadonlyMap<string, StepView>;
  types: ReadonlyMap<string, string>;
  span: { from: number; to: number };
  /** The scrubber's instant; undefined while following the run live. */
  at: number | undefined;
  onScrub(at: number | undefined): void;
  selected: string | null;
  onSelect(nodeId: string): void;
  counts: Record<string, number>;
}

const pct = (v: number, span: { from: number; to: number }) => `${Math.min(100, Math.max(0, ((v - span.from) / (span.to - span.from)) * 100))}%`;

function GanttRow({ step, status, span, at, selected, onSelect }: {
  step: StepView; status: StepStatus | undefined; span: Props['span']; at: number | undefined; selected: boolean; onSelect(id: string): void;
}) {
  const start = ms(step.startedAt);
  const end = ms(step.finishedAt);
  const from = Number.isNaN(start) ? end : start;
  const to = Number.isNaN(end) ? span.to : end;
  const duration = Number.isNaN(start) ? NaN : to - start;
  return (
    <button type="button" className={styles.ganttRow} aria-current={selected} onClick={() => onSelect(step.nodeId)} data-node={step.nodeId}>
      <code>{step.nodeId}</code>
      <span className={styles.track}>
        {!Number.isNaN(from) && (
          <span className={styles.bar} data-status={status ?? step.status} style={{ left: pct(from, span), width: `calc(${pct(to, span)} - ${pct(from, span)})` }}
            title={`${step.status}${step.attempt > 1 ? `, ${step.attempt} attempts` : ''}`}>
            {step.attempt > 1 && <span className={styles.attempts}>×{step.attempt}</span>}
          </span>
        )}
        {at !== undefined && <span className={styles.cursor} style={{ left: pct(at, span) }} />}
      </span>
      <span className={styles.num}>{step.status === 'skipped' ? 'skipped' : formatDuration(duration)}{step.attempt > 1 ? ` · ${step.attempt}×` : ''}</span>
    </button>
  );
}

const Row = memo(GanttRow);

function TimelineView({ steps, types, span, at, onScrub, selected, onSelect, counts }: Props) {
  const rows = useMemo(() => [...steps.values()].sort((a, b) => {
    const x = ms(a.startedAt ?? a.finishedAt);
    const y = ms(b.startedAt ?? b.finishedAt);
    return (Number.isNaN(x) ? Infinity : x) - (Number.isNaN(y) ? Infinity : y) || a.nodeId.localeCompare(b.nodeId);
  }), [steps]);
  const instants = useMemo(() => historyInstants(steps.values()), [steps]);
  const selectedIndex = selected ? rows.findIndex((r) => r.nodeId === selected) : -1;
  const current = at ?? span.to;
  const prev = [...instants].reverse().find((t) => t < current);
  const next = instants.find((t) => t > current);
  const summary = Object.entries(counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(' · ');
  return (
    <section className={styles.timeline} aria-label="Timeline">
      <div className={styles.scrubber}>
        <Button size="sm" aria-label="Previous change" title="Previous change" disabled={prev === undefined} onClick={() => onScrub(prev)}>◀</Button>
        <input type="range" aria-label="Time in the run" min={0} max={Math.round(span.to - span.from)} step={1}
          value={Math.round(current - span.from)} onChange={(e) => onScrub(span.from + Number(e.target.value))} />
        <Button size="sm" aria-label="Next change" title="Next change" disabled={next === undefined} onClick={() => onScrub(next)}>▶</Button>
        <span className={styles.scrubTime} data-testid="scrub-time">
          {at === undefined ? <strong>Live</strong> : <>at <strong>+{formatDuration(at - span.from)}</strong></>} of {formatDuration(span.to - span.from)}
        </span>
        <Button size="sm" onClick={() => onScrub(undefined)} disabled={at === undefined}>Back to live</Button>
        <span className={styles.meta}>{summary}</span>
      </div>
      <VirtualList items={rows} rowHeight={ROW} className={styles.gantt} label="Steps over time" scrollToIndex={selectedIndex}
        rowKey={(s) => s.nodeId}
        renderRow={(s) => (
          <Row step={s} status={at === undefined ? s.status : statusAt(s, at, types.get(s.nodeId))} span={span} at={at}
            selected={s.nodeId === selected} onSelect={onSelect} />
        )} />
    </section>
  );
}

export const Timeline = memo(TimelineView);
