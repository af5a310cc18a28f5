'use client';
/**
 * A run on its workflow's graph (the version it ran): each node shows its step's state, kept
 * current by polling until the run ends; the side panel has the steps' details.
 */
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@/components/ui/api';
import { Icon } from '@/components/ui/icons';
import { StatusPill } from '@/components/ui/pill';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { useEditorState } from './context';
import { GraphView } from './graph-view';
import type { StepStatus } from './overlay';
import styles from './run-view.module.css';

export interface RunStep {
  nodeId: string;
  status: StepStatus;
  attempt: number;
  handle: string | null;
  input: unknown;
  output: unknown;
  error: unknown;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunDetail {
  id: string;
  workflowId: string;
  version: number;
  status: string;
  createdAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  event?: { id: string; type: string; source: string; seq: number; data?: unknown };
  error?: unknown;
  steps: RunStep[];
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 1000;

function duration(from: string | null, to: string | null): string {
  if (!from) return '—';
  const ms = (to ? new Date(to).getTime() : Date.now()) - new Date(from).getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

function StepDetails({ step, open }: { step: RunStep; open: boolean }) {
  return (
    <details className={styles.step} open={open} data-node={step.nodeId}>
      <summary>
        <code>{step.nodeId}</code>
        <StatusPill status={step.status} />
        <span className={styles.stepMeta}>
          {step.attempt > 1 ? `${step.attempt} attempts · ` : ''}{duration(step.startedAt, step.finishedAt)}
        </span>
      </summary>
      {step.handle && step.handle !== 'out' && <p className={styles.kv}>Output taken: <code>{step.handle}</code></p>}
      {step.error != null && (<><h4>Error</h4><pre className={styles.error}>{json(step.error)}</pre></>)}
      {step.output != null && (<><h4>Output</h4><pre>{json(step.output)}</pre></>)}
      {step.input != null && (<><h4>Input</h4><pre>{json(step.input)}</pre></>)}
    </details>
  );
}

function RunPanel({ run, workflowName }: { run: RunDetail; workflowName: string }) {
  const selected = useEditorState((s) => (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : null));
  return (
    <aside className={styles.panel} aria-label="Run">
      <header className={styles.head}>
        <Link href={`/workflows/${run.workflowId}`} className={styles.back}><Icon name="back" /> {workflowName}</Link>
        <h1>Run <code>{run.id.slice(0, 8)}</code></h1>
        <div className={styles.status}><StatusPill status={run.status} /> <span>version {run.version} · {duration(run.startedAt ?? run.createdAt, run.finishedAt)}</span></div>
        {run.event && <p className={styles.kv}>Started by <code>{run.event.type}</code> #{run.event.seq} from <code>{run.event.source}</code></p>}
      </header>
      <div className={styles.steps}>
        {run.steps.map((s) => <StepDetails key={s.nodeId} step={s} open={s.nodeId === selected} />)}
      </div>
    </aside>
  );
}

export function RunView({ initial, doc, workflowName }: { initial: RunDetail; doc: WorkflowDocument; workflowName: string }) {
  const api = useApi();
  const [run, setRun] = useState(initial);
  useEffect(() => {
    if (TERMINAL.has(run.status)) return;
    const timer = setTimeout(() => {
      api.request<RunDetail>('GET', `/api/runs/${run.id}`).then(setRun).catch(() => setRun((r) => ({ ...r })));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, run]);
  const statuses = useMemo(() => new Map(run.steps.map((s) => [s.nodeId, s.status])), [run.steps]);
  return (
    <div className={`${styles.view} fullbleed`} data-run-status={run.status}>
      <GraphView doc={doc} statuses={statuses} side={() => <RunPanel run={run} workflowName={workflowName} />} />
    </div>
  );
}
