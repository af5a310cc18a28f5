'use client';
/**
 * Sending a test event: fires one of the workflow's triggers with a payload (prefilled from the
 * latest matching event), waits for the run it starts and hands it over.
 */
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { isValidEventType } from '@/lib/engine/type-pattern';
import { triggerMatches } from '@/lib/engine/nodes';
import type { WorkflowNode } from '@/lib/engine/graph';
import { useSample } from './sample-context';
import styles from './editor.module.css';

/** Test events are addressed to this workflow alone; other workflows listening for the type do not run. */
export const testEventSource = (workflowId: string) => `/workflows/${workflowId}/test`;
const RUN_WAIT_MS = 15_000;

interface Props {
  open: boolean;
  onClose(): void;
  triggers: WorkflowNode[];
  active: boolean;
  liveVersion: number | null;
  unpublished: boolean;
  onRun(runId: string): void;
}

export function TestEventDialog({ open, onClose, triggers, active, liveVersion, unpublished, onRun }: Props) {
  const api = useApi();
  const { sample, workflowId, refresh } = useSample();
  const [triggerId, setTriggerId] = useState(triggers[0]?.id ?? '');
  const trigger = triggers.find((t) => t.id === triggerId) ?? triggers[0];
  const [type, setType] = useState('');
  const [subject, setSubject] = useState('');
  const [data, setData] = useState('{}');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filterMiss, setFilterMiss] = useState(false);

  useEffect(() => {
    if (!open || !trigger) return;
    const own = sample.event && sample.triggerNodeId === trigger.id ? sample.event : null;
    const pattern = typeof trigger.config.eventType === 'string' ? trigger.config.eventType : '';
    setType(own ? String(own.type) : isValidEventType(pattern) ? pattern : '');
    setSubject(own && typeof own.subject === 'string' ? own.subject : '');
    setData(JSON.stringify(own?.data ?? {}, null, 2));
    setError(null);
    setBusy(null);
  }, [open, trigger, sample]);

  const parsed = useMemo(() => {
    try {
      return { ok: true as const, value: JSON.parse(data) as unknown };
    } catch (e) {
      return { ok: false as const, error: (e as Error).message };
    }
  }, [data]);

  useEffect(() => {
    let live = true;
    if (trigger?.type !== 'trigger.event' || !parsed.ok) return setFilterMiss(false);
    const candidate: { type: string } & Record<string, unknown> = { type, data: parsed.value, ...(subject && { subject }) };
    void triggerMatches(trigger, candidate).then((m) => live && setFilterMiss(!m));
    return () => {
      live = false;
    };
  }, [trigger, type, subject, parsed]);

  const send = async () => {
    if (!trigger || !parsed.ok) return;
    setError(null);
    setBusy('Sending…');
    try {
      let sent: { id: string; source: string };
      if (trigger.type === 'trigger.manual') {
        const r = await api.request<{ id: string }>('POST', `/api/workflows/${workflowId}/run`, JSON.stringify(parsed.value));
        sent = { id: r.id, source: `/workflows/${workflowId}/manual` };
      } else {
        const r = await api.request<{ id: string }>('POST', '/api/events', {
          type, data: parsed.value, source: testEventSource(workflowId), ...(subject && { subject }),
        });
        sent = { id: r.id, source: testEventSource(workflowId) };
      }
      setBusy('Waiting for the run…');
      const deadline = Date.now() + RUN_WAIT_MS;
      while (Date.now() < deadline) {
        const q = new URLSearchParams({ workflowId, eventId: sent.id, eventSource: sent.source });
        const runs = await api.request<{ items: Array<{ id: string }> }>('GET', `/api/runs?${q}`);
        if (runs.items[0]) {
          refresh();
          onRun(runs.items[0].id);
          return;
        }
        await new Promise((r) => setTimeout(r, 300));
      }
      setError('The event was logged, but no run of this workflow started. Does the trigger match it?');
    } catch (e) {
      setError((e as Error).message);
    }
    setBusy(null);
  };

  const isEvent = trigger?.type === 'trigger.event';
  const unsupported = trigger?.type === 'trigger.schedule' ? 'A schedule fires on its own; add a manual trigger to start runs by hand.' : null;
  const blocked = !active ? 'Activate the workflow first: runs use its live version.' : unsupported;
  return (
    <Dialog open={open} title="Send a test event" onClose={onClose} wide
      footer={<>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={!!blocked || !parsed.ok || !!busy || (isEvent && !isValidEventType(type))} onClick={send}>
          {busy ?? 'Send and open the run'}
        </Button>
      </>}>
      {triggers.length === 0 ? (
        <p className={styles.muted}>This workflow has no trigger yet.</p>
      ) : (
        <div className={styles.dialogForm}>
          {triggers.length > 1 && (
            <label className={styles.dialogField}>
              <span>Trigger</span>
              <select value={trigger?.id} onChange={(e) => setTriggerId(e.target.value)}>
                {triggers.map((t) => <option key={t.id} value={t.id}>{t.id} ({t.type})</option>)}
              </select>
            </label>
          )}
          {blocked && <p className={styles.notice}>{blocked}</p>}
          {!blocked && unpublished && liveVersion !== null && (
            <p className={styles.notice}>The run uses the live version {liveVersion}; activate to include your latest changes.</p>
          )}
          {isEvent && (
            <>
              <label className={styles.dialogField}>
                <span>Event type</span>
                <input value={type} onChange={(e) => setType(e.target.value)} placeholder="order.placed" spellCheck={false} />
              </label>
              <label className={styles.dialogField}>
                <span>Subject <em>(optional)</em></span>
                <input value={subject} onChange={(e) => setSubject(e.target.value)} spellCheck={false} />
              </label>
            </>
          )}
          <label className={styles.dialogField}>
            <span>{isEvent ? 'Data (JSON)' : 'Payload (JSON)'}</span>
            <textarea rows={9} value={data} onChange={(e) => setData(e.target.value)} spellCheck={false} />
          </label>
          {!parsed.ok && <p className={styles.dialogError}>Not valid JSON: {parsed.error}</p>}
          {isEvent && filterMiss && parsed.ok && <p className={styles.notice}>The trigger&apos;s filter does not match this event, so it will not start a run.</p>}
          {!sample.event && <p className={styles.muted}>No matching event has been logged yet, so the payload starts empty.</p>}
          {error && <p className={styles.dialogError} role="alert">{error}</p>}
        </div>
      )}
    </Dialog>
  );
}
