'use client';
/**
 * The Replay dialog: a time range, a type pattern and a source, the workflows to replay to (all
 * that match, or chosen ones), the version (pinned, latest, or the drafts: a shadow replay). It
 * counts first (a dry run), then starts the replay and opens its page to watch its progress.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiRequestError, useApi } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { DryRun } from '@/lib/replays/create';
import type { ReplayView } from '@/lib/replays/present';
import { replayBody, type ReplayFormValues } from './replay-form';
import styles from './replays.module.css';
import { useWorkflows } from './use-workflows';

const VERSIONS: { value: ReplayFormValues['version']; label: string; hint: string }[] = [
  { value: 'pinned', label: 'Pinned', hint: 'the version each event originally ran on' },
  { value: 'latest', label: 'Latest', hint: 'the version live now' },
  { value: 'draft', label: 'Draft (shadow)', hint: 'the unpublished drafts; side effects replaced by what the original runs recorded; nothing leaves the system' },
];

export function ReplayDialog({ open, onClose, initial }: { open: boolean; onClose(): void; initial: ReplayFormValues }) {
  const api = useApi();
  const router = useRouter();
  const { workflows } = useWorkflows();
  const [values, setValues] = useState(initial);
  const [estimate, setEstimate] = useState<DryRun | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ReplayFormValues>) => {
    setValues({ ...values, ...patch });
    setEstimate(null);
  };

  const send = async (dryRun: boolean) => {
    const made = replayBody(values, dryRun);
    if ('problem' in made) return setProblem(made.problem);
    setBusy(true);
    setProblem(null);
    try {
      if (dryRun) setEstimate(await api.request<DryRun>('POST', '/api/replays', made.body));
      else router.push(`/replays/${(await api.request<ReplayView>('POST', '/api/replays', made.body)).id}`);
    } catch (err) {
      setProblem(err instanceof ApiRequestError ? err.message : 'The request failed; try again.');
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <>
      <Button onClick={onClose}>Close</Button>
      <Button onClick={() => send(true)} disabled={busy}>Count</Button>
      <Button variant="primary" onClick={() => send(false)} disabled={busy || !estimate}>
        {values.version === 'draft' ? 'Start shadow replay' : 'Start replay'}
      </Button>
    </>
  );

  return (
    <Dialog open={open} title="Replay events" onClose={onClose} footer={footer} wide>
      <form className={styles.form} onSubmit={(e) => { e.preventDefault(); void send(true); }} aria-label="Replay">
        <label>From<input type="datetime-local" step={1} value={values.from} onChange={(e) => set({ from: e.target.value })} data-autofocus /></label>
        <label>To<input type="datetime-local" step={1} value={values.to} onChange={(e) => set({ to: e.target.value })} /></label>
        <label>Type pattern<input type="text" value={values.type} placeholder="order.* (all types when empty)" onChange={(e) => set({ type: e.target.value })} /></label>
        <label>Source<input type="text" value={values.source} placeholder="/shop (all sources when empty)" onChange={(e) => set({ source: e.target.value })} /></label>
        <fieldset className={`${styles.field} ${styles.wide}`}>
          <legend>Workflows</legend>
          <label className={styles.choice}><input type="radio" name="scope" checked={values.scope === 'all'} onChange={() => set({ scope: 'all' })} />All that match</label>
          <label className={styles.choice}><input type="radio" name="scope" checked={values.scope === 'chosen'} onChange={() => set({ scope: 'chosen' })} />Only these:</label>
          {values.scope === 'chosen' && (
            <div className={styles.choices}>
              {workflows.map((w) => (
                <label key={w.id} className={styles.choice}>
                  <input
                    type="checkbox"
                    checked={values.workflowIds.includes(w.id)}
                    onChange={(e) => set({ workflowIds: e.target.checked ? [...values.workflowIds, w.id] : values.workflowIds.filter((id) => id !== w.id) })}
                  />
                  {w.name} <span className={styles.hint}>{w.active ? `v${w.activeVersion} live` : 'not live'}</span>
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset className={`${styles.field} ${styles.wide}`}>
          <legend>Version</legend>
          {VERSIONS.map((v) => (
            <label key={v.value} className={styles.choice}>
              <input type="radio" name="version" checked={values.version === v.value} onChange={() => set({ version: v.value })} />
              {v.label} <span className={styles.hint}>{v.hint}</span>
            </label>
          ))}
        </fieldset>
        {values.version !== 'draft' && (
          <label className={`${styles.choice} ${styles.wide}`}>
            <input type="checkbox" checked={values.cascade} onChange={(e) => set({ cascade: e.target.checked })} />
            Cascade <span className={styles.hint}>events the replayed runs emit start further runs of this replay (off: they are only logged)</span>
          </label>
        )}
        {estimate && (
          <div className={styles.estimate} role="status" aria-label="Estimate">
            <b>{estimate.events}</b> events → <b>{estimate.approximate ? '≈' : ''}{estimate.runs}</b> {values.version === 'draft' ? 'shadow runs' : 'new runs'}
            {estimate.workflows.length > 0 && (
              <ul>{estimate.workflows.map((w) => <li key={w.id}>{w.name}: {w.approximate ? '≈' : ''}{w.runs}</li>)}</ul>
            )}
          </div>
        )}
        {problem && <p className={`${styles.problem} ${styles.wide}`} role="alert">{problem}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
