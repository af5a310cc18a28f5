'use client';
/**
 * On the editor: the workflow's most recent run (or one picked from the list) drawn over the canvas,
 * updating live. New runs appear in the list as they start; "follow latest" switches to each one.
 */
import Link from 'next/link';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useEditorContext } from '@/components/editor/context';
import type { StepStatus } from '@/components/editor/overlay';
import { mergeStep, type StepView } from '@/components/runs/run-model';
import { useApi } from '@/components/ui/api';
import { StatusPill } from '@/components/ui/pill';
import type { LiveMessage } from '@/lib/live/types';
import { Coalescer } from './coalesce';
import { LiveIndicator } from './live-indicator';
import { useLiveStream } from './use-live-stream';
import styles from './editor-live-run.module.css';

interface RunItem { id: string; status: string; createdAt: string | null }
interface RunDetail extends RunItem { steps: StepView[] }

const FOLLOW = 'latest';
const LIST_SIZE = 20;

function EditorLiveRunView({ workflowId }: { workflowId: string }) {
  const api = useApi();
  const { overlay } = useEditorContext();
  const [runs, setRuns] = useState<RunItem[]>([]);
  const [choice, setChoice] = useState<string>(FOLLOW);
  const [shown, setShown] = useState(true);
  const steps = useRef(new Map<string, Map<string, StepView>>());
  const drawn = useRef<string | null>(null);
  const chosen = choice === FOLLOW ? runs[0]?.id ?? null : choice;

  const shownStatuses = useRef(new Map<string, StepStatus>());
  /** Draws the chosen run's steps as they are now. */
  const draw = useCallback(() => {
    const runSteps = drawn.current ? steps.current.get(drawn.current) : undefined;
    const statuses = new Map<string, StepStatus>();
    if (runSteps) for (const [nodeId, s] of runSteps) statuses.set(nodeId, s.status);
    shownStatuses.current = statuses;
    overlay.setStatuses(statuses);
  }, [overlay]);
  const [coalescer] = useState(() => new Coalescer<StepStatus>((batch) => {
    const statuses = new Map(shownStatuses.current);
    for (const [nodeId, status] of batch) statuses.set(nodeId, status);
    shownStatuses.current = statuses;
    overlay.setStatuses(statuses);
  }, 100));
  useEffect(() => () => coalescer.dispose(), [coalescer]);

  const onMessages = useCallback((batch: LiveMessage[]) => {
    let list: RunItem[] | null = null;
    for (const m of batch) {
      if (m.type === 'run.updated') {
        list ??= [...runs];
        const i = list.findIndex((r) => r.id === m.runId);
        if (i >= 0) list[i] = { ...list[i], status: m.status };
        else list.unshift({ id: m.runId, status: m.status, createdAt: m.createdAt ?? m.at });
      } else if (m.type === 'step.updated') {
        const runSteps = steps.current.get(m.runId) ?? new Map<string, StepView>();
        steps.current.set(m.runId, runSteps);
        runSteps.set(m.nodeId, mergeStep(runSteps.get(m.nodeId), m));
        if (m.runId === drawn.current) coalescer.push(m.nodeId, m.status);
      }
    }
    if (list) setRuns(list.slice(0, LIST_SIZE));
  }, [runs, coalescer]);
  const live = useLiveStream(`workflowId=${workflowId}&type=run.updated,step.updated`, onMessages);

  // the list is read once the stream is open, so that no run starting in between is missed
  useEffect(() => {
    if (live !== 'live') return;
    let current = true;
    api.request<{ items: RunItem[] }>('GET', `/api/runs?workflowId=${workflowId}&limit=${LIST_SIZE}`)
      .then((r) => { if (current) setRuns((known) => mergeLists(known, r.items)); })
      .catch(() => {});
    return () => { current = false; };
  }, [api, workflowId, live]);

  // a run picked (or a new latest one) is loaded whole, then kept current by the stream
  useEffect(() => {
    drawn.current = shown ? chosen : null;
    const known = chosen ? steps.current.get(chosen) : undefined;
    draw();
    // a state that follows at once waits its turn, so this one is seen first
    if (known && shown) for (const nodeId of known.keys()) coalescer.mark(nodeId);
    if (!chosen || !shown || known?.size) return;
    let current = true;
    api.request<RunDetail>('GET', `/api/runs/${chosen}`).then((detail) => {
      if (!current) return;
      const runSteps = steps.current.get(chosen) ?? new Map<string, StepView>();
      for (const s of detail.steps) if (!runSteps.has(s.nodeId)) runSteps.set(s.nodeId, s);
      steps.current.set(chosen, runSteps);
      draw();
    }).catch(() => {});
    return () => { current = false; };
  }, [api, chosen, shown, draw, coalescer]);

  useEffect(() => () => overlay.setStatuses(new Map()), [overlay]);

  const run = runs.find((r) => r.id === chosen);
  return (
    <div className={styles.bar} role="region" aria-label="Live run">
      <label className={styles.label}>
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} /> Show run
      </label>
      <select aria-label="Run shown on the canvas" value={choice} onChange={(e) => setChoice(e.target.value)} disabled={!shown}>
        <option value={FOLLOW}>Latest run{runs[0] ? ` (${runs[0].id.slice(0, 8)})` : ''}</option>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>{r.id.slice(0, 8)} · {r.status}{r.createdAt ? ` · ${new Date(r.createdAt).toLocaleTimeString()}` : ''}</option>
        ))}
      </select>
      {run ? <span data-testid="live-run-status"><StatusPill status={run.status} /></span> : <span className={styles.muted}>No runs yet: send a test event.</span>}
      {run && <Link className={styles.link} href={`/workflows/${workflowId}/runs/${run.id}`}>Open run</Link>}
      <Link className={styles.link} href={`/runs?workflowId=${workflowId}`}>All runs</Link>
      <span className={styles.spacer} />
      <LiveIndicator state={live} />
    </div>
  );
}

function mergeLists(known: RunItem[], loaded: RunItem[]): RunItem[] {
  const byId = new Map(loaded.map((r) => [r.id, r]));
  for (const r of known) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')).slice(0, LIST_SIZE);
}

export const EditorLiveRun = memo(EditorLiveRunView);
