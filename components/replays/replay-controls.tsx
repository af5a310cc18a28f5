'use client';
/** Pause, resume and cancel a replay (editors only). */
import { useState } from 'react';
import { ApiRequestError, useApi, useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import type { ReplayView } from '@/lib/replays/present';
import styles from './replays.module.css';

export function ReplayControls({ replay, onChange }: { replay: ReplayView; onChange(r: ReplayView): void }) {
  const api = useApi();
  const canEdit = useCanEdit();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canEdit || replay.kind === 'resend') return null;
  const act = async (action: 'pause' | 'resume' | 'cancel') => {
    setBusy(true);
    setProblem(null);
    try {
      onChange(await api.request<ReplayView>('POST', `/api/replays/${replay.id}/${action}`));
    } catch (err) {
      setProblem(err instanceof ApiRequestError ? err.message : 'The request failed.');
    } finally {
      setBusy(false);
    }
  };
  const open = replay.status === 'running' || replay.status === 'paused';
  return (
    <div className={styles.toolbar}>
      {replay.status === 'running' && <Button onClick={() => act('pause')} disabled={busy}>Pause</Button>}
      {replay.status === 'paused' && <Button onClick={() => act('resume')} disabled={busy}>Resume</Button>}
      {open && <Button variant="danger" onClick={() => act('cancel')} disabled={busy}>Cancel replay</Button>}
      {problem && <span className={styles.problem} role="alert">{problem}</span>}
    </div>
  );
}
