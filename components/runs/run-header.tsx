'use client';
/** The run page's top bar: what ran, its state, and retry / cancel. */
import Link from 'next/link';
import { useState } from 'react';
import { ApiRequestError, useApi, useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { StatusPill } from '@/components/ui/pill';
import { LiveIndicator } from '@/components/live/live-indicator';
import type { LiveState } from '@/components/live/use-live-stream';
import type { LiveEventSummary } from '@/lib/live/types';
import { formatDuration, type RunInfo } from './run-model';
import { ResendButton } from '@/components/replays/resend-button';
import styles from './run-page.module.css';

export interface RunAnswer {
  status: RunInfo['status'];
  startedAt: string | null;
  finishedAt: string | null;
  steps: { nodeId: string; status: string; attempt: number; finishedAt: string | null }[];
}

export function RunHeader({ run, workflowName, trigger, live, span, onAnswer }: {
  run: RunInfo;
  workflowName: string;
  trigger: LiveEventSummary | null;
  live: LiveState;
  span: { from: number; to: number };
  /** What retry or cancel answered, applied at once (the stream confirms it). */
  onAnswer(answer: RunAnswer, statusBefore: RunInfo['status']): void;
}) {
  const api = useApi();
  const canEdit = useCanEdit();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (what: 'retry' | 'cancel') => {
    setBusy(true);
    setProblem(null);
    try {
      onAnswer(await api.request<RunAnswer>('POST', `/api/runs/${run.id}/${what}`), run.status);
    } catch (e) {
      setProblem(e instanceof ApiRequestError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const open = run.status === 'queued' || run.status === 'running' || run.status === 'waiting';
  return (
    <header className={styles.header}>
      <Link href={`/workflows/${run.workflowId}`} className={styles.back}><Icon name="back" /> {workflowName}</Link>
      <h1>Run <code>{run.id.slice(0, 8)}</code></h1>
      <span data-testid="run-status"><StatusPill status={run.status} /></span>
      <span className={styles.meta}>
        version {run.version} · {formatDuration(span.to - span.from)}
        {trigger && <> · started by <Link href={`/events/${trigger.seq}`}>{trigger.type} #{trigger.seq}</Link></>}
        {run.replayOf && <> · replay of <Link href={`/runs/${run.replayOf}`}>{run.replayOf.slice(0, 8)}</Link></>}
      </span>
      <div className={styles.spacer} />
      {problem && <span role="alert" className={styles.meta}>{problem}</span>}
      <LiveIndicator state={open ? live : 'off'} label={open ? undefined : 'Ended'} />
      <Link href={`/runs?workflowId=${run.workflowId}`} className={styles.link}>All runs</Link>
      {canEdit && run.status === 'failed' && (
        <Button variant="primary" icon={<Icon name="redo" />} disabled={busy} onClick={() => void act('retry')}>Retry from failure</Button>
      )}
      {!open && <ResendButton target={{ runId: run.id }} />}
      {canEdit && open && <Button variant="danger" disabled={busy} onClick={() => void act('cancel')}>Cancel run</Button>}
    </header>
  );
}
