'use client';
/** The selected step of a run: state, attempts, timings, error with its details, input and output. */
import { useEffect, useState } from 'react';
import { typeLabel } from '@/components/editor/catalog';
import { useApi } from '@/components/ui/api';
import { StatusPill } from '@/components/ui/pill';
import type { StepStatus } from '@/components/editor/overlay';
import { formatDuration, stepDuration, waitNote, type StepView } from './run-model';
import type { WorkflowDocument } from '@/lib/engine/graph';
import styles from './run-page.module.css';

interface StepDetail { input: unknown; output: unknown; error: unknown }

const json = (v: unknown) => JSON.stringify(v, null, 2);
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString(undefined, { hour12: false }) + `.${iso.slice(20, 23)}` : '—');

function ErrorView({ error }: { error: unknown }) {
  const e = (error ?? {}) as { message?: unknown; code?: unknown; details?: unknown; stack?: unknown; attempt?: unknown };
  const details = e.details as { stack?: unknown } | undefined;
  const stack = typeof e.stack === 'string' ? e.stack : typeof details?.stack === 'string' ? details.stack : undefined;
  return (
    <div data-testid="step-error">
      <h3 className={styles.h3}>Error{typeof e.attempt === 'number' ? ` (attempt ${e.attempt})` : ''}</h3>
      <p className={styles.errorMessage}>{typeof e.message === 'string' ? e.message : json(error)}</p>
      {typeof e.code === 'string' && <p className={styles.hint}>code <code>{e.code}</code></p>}
      {stack && <pre className={`${styles.pre} ${styles.errorBox}`} aria-label="Stack">{stack}</pre>}
      {e.details !== undefined && !stack && <pre className={`${styles.pre} ${styles.errorBox}`} aria-label="Error details">{json(e.details)}</pre>}
    </div>
  );
}

export function StepInspector({ runId, step, doc, shownStatus, now }: {
  runId: string;
  step: StepView;
  doc: WorkflowDocument;
  /** The state drawn at the scrubber's instant, when it differs from now. */
  shownStatus: StepStatus | undefined;
  now: number;
}) {
  const api = useApi();
  const [detail, setDetail] = useState<StepDetail | null>(null);
  const node = doc.nodes.find((n) => n.id === step.nodeId);
  useEffect(() => {
    let current = true;
    api.request<StepDetail>('GET', `/api/runs/${runId}/steps/${encodeURIComponent(step.nodeId)}`)
      .then((d) => { if (current) setDetail(d); })
      .catch(() => { if (current) setDetail(null); });
    return () => { current = false; };
  }, [api, runId, step.nodeId, step.status, step.attempt]);
  const note = waitNote(step, doc);
  const error = detail?.error ?? step.error;
  return (
    <section className={styles.section} aria-label={`Step ${step.nodeId}`} data-testid="step-inspector">
      <div className={styles.inspectorHead}>
        <code>{step.nodeId}</code>
        <span>{node ? typeLabel(node.type) : ''}</span>
        <StatusPill status={step.status} />
      </div>
      {shownStatus !== undefined && shownStatus !== step.status && (
        <p className={styles.hint}>At the scrubber&apos;s instant: <strong>{shownStatus}</strong></p>
      )}
      <dl className={styles.kv}>
        <dt>Attempts</dt><dd data-testid="step-attempts">{step.attempt}</dd>
        <dt>Started</dt><dd>{time(step.startedAt)}</dd>
        <dt>Finished</dt><dd>{time(step.finishedAt)}</dd>
        <dt>Duration</dt><dd>{formatDuration(stepDuration(step, now))}</dd>
        {note && (<><dt>Waiting</dt><dd>{note}</dd></>)}
        {step.status === 'pending' && step.dueAt && (<><dt>Next attempt</dt><dd>{time(step.dueAt)}</dd></>)}
        {step.handle && (<><dt>Output taken</dt><dd><code>{step.handle}</code></dd></>)}
      </dl>
      {error != null && <ErrorView error={error} />}
      {detail?.output != null && (<><h3 className={styles.h3}>Output</h3><pre className={styles.pre} aria-label="Output">{json(detail.output)}</pre></>)}
      {detail?.input != null && (<><h3 className={styles.h3}>Input</h3><pre className={styles.pre} aria-label="Input">{json(detail.input)}</pre></>)}
    </section>
  );
}
