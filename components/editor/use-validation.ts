'use client';
/**
 * Runs the engine's validator on the document after each change that is not just a move, in a
 * Web Worker (on the main thread where workers are unavailable), into the overlay.
 */
import { useEffect } from 'react';
import { validateWorkflow, type Problem } from '@/lib/engine/validate';
import type { OverlayStore } from './overlay';
import type { EditorStore } from './store';

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

export function useValidation(store: EditorStore, overlay: OverlayStore): void {
  useEffect(() => {
    let worker = startWorker();
    let asked = 0;
    let validated = -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMainThread = () => overlay.setProblems(validateWorkflow(store.document()));
    if (worker) {
      worker.onmessage = (e: MessageEvent<{ id: number; problems: Problem[] }>) => {
        if (e.data.id === asked) overlay.setProblems(e.data.problems);
      };
      worker.onerror = () => {
        worker?.terminate();
        worker = null;
        onMainThread();
      };
    }
    const run = () => {
      timer = undefined;
      validated = store.getState().contentRevision;
      if (worker) worker.postMessage({ id: ++asked, doc: store.document() });
      else onMainThread();
    };
    run();
    const unsubscribe = store.subscribe(() => {
      if (store.getState().contentRevision === validated || timer) return;
      timer = setTimeout(run, 100);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      worker?.terminate();
    };
  }, [store, overlay]);
}
