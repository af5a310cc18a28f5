'use client';
import { useEffect, useState } from 'react';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { canonicalJson } from './canonical';
import type { EditorStore } from './store';

/** Whether the draft differs from the live version, rechecked as the draft changes. */
export function useUnpublished(store: EditorStore, liveDoc: WorkflowDocument | null): boolean {
  const [unpublished, setUnpublished] = useState(false);
  useEffect(() => {
    if (!liveDoc) return setUnpublished(false);
    const live = canonicalJson(liveDoc);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // comparing two big documents takes a while: once typing pauses, not per keystroke
    const check = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setUnpublished(canonicalJson(store.document()) !== live), 250);
    };
    check();
    let revision = store.getState().revision;
    const unsubscribe = store.subscribe(() => {
      if (store.getState().revision === revision) return;
      revision = store.getState().revision;
      check();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, liveDoc]);
  return unpublished;
}
