'use client';
/**
 * "Re-send": one logged event to one workflow again, as a new run marked as a replay. From a run
 * (`runId`: its event, its workflow) or from an event (`event`, with a workflow to choose).
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiRequestError, useApi, useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { runHref } from './format';
import styles from './replays.module.css';
import { useWorkflows } from './use-workflows';

type Target = { runId: string } | { event: { id: string; source: string } };

export function ResendButton({ target }: { target: Target }) {
  const canEdit = useCanEdit();
  const [open, setOpen] = useState(false);
  if (!canEdit) return null;
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>Re-send…</Button>
      {open && <ResendDialog target={target} onClose={() => setOpen(false)} />}
    </>
  );
}

function ResendDialog({ target, onClose }: { target: Target; onClose(): void }) {
  const api = useApi();
  const router = useRouter();
  const { workflows } = useWorkflows();
  const [workflowId, setWorkflowId] = useState('');
  const [version, setVersion] = useState<'pinned' | 'latest'>('pinned');
  const [problem, setProblem] = useState<string | null>(null);
  const fromRun = 'runId' in target;
  const send = async () => {
    if (!fromRun && !workflowId) return setProblem('Choose the workflow to send the event to.');
    setProblem(null);
    try {
      const body = fromRun ? { runId: target.runId, version } : { eventId: target.event.id, source: target.event.source, workflowId, version };
      const made = await api.request<{ run: { id: string; workflowId: string } }>('POST', '/api/replays/resend', body);
      router.push(runHref(made.run.workflowId, made.run.id));
    } catch (err) {
      setProblem(err instanceof ApiRequestError ? err.message : 'The request failed.');
    }
  };
  const footer = <><Button onClick={onClose}>Close</Button><Button variant="primary" onClick={send}>Re-send</Button></>;
  return (
    <Dialog open title={fromRun ? 'Re-send this run\'s event' : 'Re-send this event'} onClose={onClose} footer={footer}>
      <div className={styles.form}>
        {!fromRun && (
          <label className={styles.wide}>Workflow
            <select value={workflowId} onChange={(e) => setWorkflowId(e.target.value)} data-autofocus>
              <option value="">Choose…</option>
              {workflows.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
            </select>
          </label>
        )}
        <fieldset className={`${styles.field} ${styles.wide}`}>
          <legend>Version</legend>
          <label className={styles.choice}><input type="radio" name="resend-version" checked={version === 'pinned'} onChange={() => setVersion('pinned')} />Pinned <span className={styles.hint}>the version it originally ran on</span></label>
          <label className={styles.choice}><input type="radio" name="resend-version" checked={version === 'latest'} onChange={() => setVersion('latest')} />Latest <span className={styles.hint}>the version live now</span></label>
        </fieldset>
        <p className={`${styles.hint} ${styles.wide}`}>A new run, marked as a replay: its steps run again (HTTP calls included); events it emits are logged but start nothing.</p>
        {problem && <p className={`${styles.problem} ${styles.wide}`} role="alert">{problem}</p>}
      </div>
    </Dialog>
  );
}
