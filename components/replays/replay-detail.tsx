'use client';
/** One replay: what it covers, its progress (polled while it goes on), its controls, and its runs or its diff. */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useApi } from '@/components/ui/api';
import type { ReplayView } from '@/lib/replays/present';
import { shortTime } from './format';
import { ReplayControls } from './replay-controls';
import { ReplayProgress } from './replay-progress';
import { ReplayRuns } from './replay-runs';
import styles from './replays.module.css';
import { ShadowDiffView } from './shadow-diff';
import { useWorkflows } from './use-workflows';

const POLL_MS = 1_000;
const KIND = { replay: 'Replay', shadow: 'Shadow replay', resend: 'Re-send' } as const;

export function ReplayDetail({ initial }: { initial: ReplayView }) {
  const api = useApi();
  const { nameOf } = useWorkflows();
  const [replay, setReplay] = useState(initial);
  const going = replay.status === 'running' || replay.status === 'paused';
  useEffect(() => {
    if (!going) return;
    const timer = setInterval(() => {
      api.request<ReplayView>('GET', `/api/replays/${replay.id}`).then(setReplay).catch(() => {});
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, replay.id, going]);
  // tables reload as the replay moves on
  const refreshKey = `${replay.status}/${replay.progress.events.done}/${replay.progress.runs.finished}`;
  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <Link href="/replays" className={styles.muted}>← Replays</Link>
        <h1>{KIND[replay.kind]} <code>{replay.id.slice(0, 8)}</code></h1>
        <span className={styles.spacer} />
        <ReplayControls replay={replay} onChange={setReplay} />
      </div>
      <p className={styles.muted}>
        Events received {shortTime(replay.from)} – {shortTime(replay.to)}
        {replay.type && <> · type <code>{replay.type}</code></>}
        {replay.source && <> · source <code>{replay.source}</code></>}
        {' · '}{replay.workflowIds ? replay.workflowIds.map(nameOf).join(', ') : 'all matching workflows'}
        {' · '}version {replay.version}{replay.cascade ? ' · cascading' : ''}
        {replay.createdBy && <> · by {replay.createdBy}</>}
      </p>
      <ReplayProgress replay={replay} />
      {replay.kind === 'shadow'
        ? <ShadowDiffView replayId={replay.id} nameOf={nameOf} refreshKey={refreshKey} />
        : <ReplayRuns replayId={replay.id} nameOf={nameOf} refreshKey={refreshKey} />}
    </div>
  );
}
