'use client';
/**
 * Saving the draft: automatically a moment after each change, at once on Ctrl+S or Save, and
 * as the page goes away. Every change is also kept in localStorage until the server has it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError, useApi } from '@/components/ui/api';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { clearBackup, writeBackup } from './draft-backup';
import type { EditorStore } from './store';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';
const AUTOSAVE_MS = 800;
/** After a failed save that may succeed later (server unreachable, 5xx). */
const RETRY_MS = 5000;
/** Browsers refuse keepalive requests with bigger bodies. */
const KEEPALIVE_LIMIT = 60_000;

export function useAutosave(store: EditorStore, workflowId: string, initial: { updatedAt: string; savedJson: string }, enabled: boolean) {
  const api = useApi();
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const saved = useRef(initial);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const dirty = useCallback(() => JSON.stringify(store.document()) !== saved.current.savedJson, [store]);

  /** Saves the draft now; true when the server has it. */
  const save = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const doc: WorkflowDocument = store.document();
    const json = JSON.stringify(doc);
    if (json === saved.current.savedJson) {
      setState('saved');
      return true;
    }
    let ok = false;
    let retryLater = false;
    setState('saving');
    const request = api.request<{ updatedAt: string }>('PUT', `/api/workflows/${workflowId}`, json)
      .then((res) => {
        ok = true;
        saved.current = { updatedAt: res.updatedAt, savedJson: json };
        setError(null);
        if (JSON.stringify(store.document()) === json) {
          clearBackup(workflowId);
          setState('saved');
        } else {
          writeBackup(workflowId, res.updatedAt, store.document());
          setState('unsaved');
        }
      })
      .catch((err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setState('error');
        // a refused document (say, an empty name) waits for the next edit; an outage is retried
        retryLater = !(err instanceof ApiRequestError && err.status < 500);
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request;
    await request;
    if (ok && dirty()) timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    if (retryLater) timer.current = setTimeout(() => void save(), RETRY_MS);
    return ok;
  }, [api, store, workflowId, dirty]);

  useEffect(() => {
    if (!enabled) return;
    let revision = store.getState().revision;
    if (dirty()) {
      setState('unsaved');
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    }
    const unsubscribe = store.subscribe(() => {
      const next = store.getState().revision;
      if (next === revision) return;
      revision = next;
      writeBackup(workflowId, saved.current.updatedAt, store.document());
      setState((s) => (s === 'saving' ? s : 'unsaved'));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    });
    const flush = () => {
      if (!dirty()) return;
      const json = JSON.stringify(store.document());
      if (json.length < KEEPALIVE_LIMIT) void api.request('PUT', `/api/workflows/${workflowId}`, json, { keepalive: true }).catch(() => {});
    };
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      clearTimeout(timer.current);
      window.removeEventListener('pagehide', flush);
    };
  }, [store, workflowId, enabled, save, dirty, api]);

  return { state, error, save };
}
