'use client';
/**
 * A run on its workflow's graph (the version it ran), live: nodes light up as the stream reports
 * their steps, the edges taken are drawn in green, and the scrubber replays the recorded history.
 */
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { GraphView } from '@/components/editor/graph-view';
import { OverlayStore, type StepStatus } from '@/components/editor/overlay';
import { EditorStore } from '@/components/editor/store';
import { useLiveStream } from '@/components/live/use-live-stream';
import type { RunViewData } from '@/lib/live/run-view';
import type { LiveMessage, StepUpdated } from '@/lib/live/types';
import { RunHeader, type RunAnswer } from './run-header';
import { runSpan, statusesAt, takenEdges, waitNote } from './run-model';
import { RunSide } from './run-side';
import { RunLiveStore } from './run-store';
import { Timeline } from './timeline';
import { useNow } from './use-now';
import styles from './run-page.module.css';

const MAX_STYLED_EDGES = 2000;
const NO_STATUSES: ReadonlyMap<string, StepStatus> = new Map();

export function RunPage({ data, workflowName }: { data: RunViewData; workflowName: string }) {
  const router = useRouter();
  const [store] = useState(() => new RunLiveStore(data.run, data.steps, data.emitted));
  const [editorStore] = useState(() => new EditorStore(data.document));
  const [overlay] = useState(() => new OverlayStore());
  const [at, setAt] = useState<number | undefined>(undefined);
  useEffect(() => () => store.dispose(), [store]);

  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const { run, steps, emitted } = snapshot;
  const open = run.status === 'queued' || run.status === 'running' || run.status === 'waiting';
  const apply = useCallback((batch: LiveMessage[]) => store.apply(batch), [store]);
  const live = useLiveStream(`runId=${data.run.id}`, apply, { lastEventId: data.cursor, onReset: () => router.refresh() });
  const now = useNow(open);

  const selectedIds = useSyncExternalStore(editorStore.subscribe, () => editorStore.getState().selectedNodeIds, () => editorStore.getState().selectedNodeIds);
  const selected = selectedIds.length === 1 ? selectedIds[0] : null;
  const select = useCallback((nodeId: string) => editorStore.select([nodeId]), [editorStore]);

  const doc = data.document;
  const span = useMemo(() => runSpan(run, steps.values(), now), [run, steps, now]);
  const shown = useMemo(() => statusesAt(steps, doc, at), [steps, doc, at]);
  const types = useMemo(() => new Map(doc.nodes.map((n) => [n.id, n.type])), [doc]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const s of shown.statuses.values()) c[s] = (c[s] ?? 0) + 1;
    return c;
  }, [shown]);

  useEffect(() => {
    const notes = new Map<string, string>();
    if (at === undefined) {
      for (const s of steps.values()) {
        const note = waitNote(s, doc);
        if (note) notes.set(s.nodeId, note);
      }
    }
    overlay.setStatuses(shown.statuses, notes);
  }, [overlay, shown, steps, doc, at]);

  const taken = useMemo(() => takenEdges(doc, shown.handles).slice(0, MAX_STYLED_EDGES), [doc, shown]);
  const edgeCss = useMemo(() => taken.map((id) => `.${styles.body} .react-flow__edge[data-id=${JSON.stringify(id)}] .react-flow__edge-path{stroke:#1f8a4c;stroke-width:2.6}`).join('\n'), [taken]);

  const onAnswer = useCallback((answer: RunAnswer, statusBefore: string) => {
    setAt(undefined);
    // the stream may already have brought newer news than this answer (the retried run may have ended)
    if (store.getSnapshot().run.status !== statusBefore) return;
    const stamp = new Date().toISOString();
    store.apply([
      ...answer.steps.filter((s) => s.status === 'pending' || s.status === 'skipped').map((s): StepUpdated => ({
        type: 'step.updated', at: stamp, runId: run.id, workflowId: run.workflowId, nodeId: s.nodeId,
        status: s.status as StepStatus, attempt: s.attempt, finishedAt: s.finishedAt,
      })),
      { type: 'run.updated', at: stamp, runId: run.id, workflowId: run.workflowId, status: answer.status, startedAt: answer.startedAt, finishedAt: answer.finishedAt },
    ]);
  }, [store, run.id, run.workflowId]);

  return (
    <div className={`${styles.page} fullbleed`} data-run-status={run.status} data-scrubbing={at !== undefined} data-taken={taken.join(' ')}>
      <RunHeader run={run} workflowName={workflowName} trigger={data.trigger} live={live} span={span} onAnswer={onAnswer} />
      <div className={styles.body}>
        <style>{edgeCss}</style>
        <GraphView doc={doc} store={editorStore} overlay={overlay} side={() => (
          <RunSide runId={run.id} doc={doc} steps={steps} selected={selected} onSelect={select} shownStatuses={at === undefined ? NO_STATUSES : shown.statuses}
            trigger={data.trigger} emitted={emitted} error={run.error} now={now} />
        )} />
      </div>
      <Timeline steps={steps} types={types} span={span} at={at} onScrub={setAt} selected={selected} onSelect={select} counts={counts} />
    </div>
  );
}
