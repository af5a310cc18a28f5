'use client';
/** The run page's side panel: the selected step, the events around the run, and every step. */
import Link from 'next/link';
import { memo, useMemo } from 'react';
import { StatusPill } from '@/components/ui/pill';
import { VirtualList } from '@/components/live/virtual-list';
import type { StepStatus } from '@/components/editor/overlay';
import type { WorkflowDocument } from '@/lib/engine/graph';
import type { LiveEventSummary } from '@/lib/live/types';
import { formatDuration, stepDuration, type StepView } from './run-model';
import { StepInspector } from './step-inspector';
import styles from './run-page.module.css';

function EventLink({ e }: { e: LiveEventSummary }) {
  return (
    <li>
      <Link className={styles.link} href={`/events/${e.seq}`}><code>{e.type}</code></Link>
      <span className={styles.meta}>#{e.seq}{e.subject ? ` · ${e.subject}` : ''}</span>
    </li>
  );
}

function RunSideView({ runId, doc, steps, selected, onSelect, shownStatuses, trigger, emitted, error, now }: {
  runId: string;
  doc: WorkflowDocument;
  steps: ReadonlyMap<string, StepView>;
  selected: string | null;
  onSelect(nodeId: string): void;
  shownStatuses: ReadonlyMap<string, StepStatus>;
  trigger: LiveEventSummary | null;
  emitted: readonly LiveEventSummary[];
  error: unknown;
  now: number;
}) {
  const list = useMemo(() => [...steps.values()], [steps]);
  const step = selected ? steps.get(selected) : undefined;
  const runError = error as { nodeId?: string; message?: string } | null;
  return (
    <aside className={styles.side} aria-label="Run details">
      <div className={styles.sideScroll}>
        {runError?.message && (
          <section className={styles.section}>
            <h2>Run failed</h2>
            <p className={styles.errorMessage}>{runError.nodeId ? `${runError.nodeId}: ` : ''}{runError.message}</p>
          </section>
        )}
        {step ? (
          <StepInspector runId={runId} step={step} doc={doc} shownStatus={shownStatuses.get(step.nodeId)} now={now} />
        ) : (
          <section className={styles.section}>
            <p className={styles.hint}>{selected ? `${selected} has not run in this run.` : 'Select a node or a step to see its input, output, error, attempts and timings.'}</p>
          </section>
        )}
        <section className={styles.section} aria-label="Events">
          <h2>Trigger event</h2>
          <ul className={styles.eventList}>{trigger ? <EventLink e={trigger} /> : <li className={styles.hint}>none</li>}</ul>
          <h2 style={{ marginTop: 12 }}>Events it emitted ({emitted.length})</h2>
          <ul className={styles.eventList} aria-label="Emitted events">
            {emitted.length === 0 ? <li className={styles.hint}>none yet</li> : emitted.map((e) => <EventLink key={e.seq} e={e} />)}
          </ul>
        </section>
      </div>
      <VirtualList items={list} rowHeight={30} className={styles.stepsList} label={`Steps (${list.length})`}
        scrollToIndex={selected ? list.findIndex((s) => s.nodeId === selected) : undefined}
        rowKey={(s) => s.nodeId}
        renderRow={(s) => (
          <button type="button" className={styles.stepRow} aria-current={s.nodeId === selected} onClick={() => onSelect(s.nodeId)}>
            <code>{s.nodeId}</code>
            <StatusPill status={s.status} />
            <span className={styles.num}>{s.status === 'skipped' ? '' : formatDuration(stepDuration(s, now))}</span>
          </button>
        )} />
    </aside>
  );
}

export const RunSide = memo(RunSideView);
