'use client';
/** A read-only canvas with its inspector: an old version, or the graph of a run with step states. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState, type ReactNode } from 'react';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { Canvas } from './canvas';
import { EditorProvider } from './context';
import { Inspector } from './inspector/inspector';
import { OverlayStore, type StepStatus } from './overlay';
import { EditorStore } from './store';
import { useValidation } from './use-validation';

export function GraphView({ doc, statuses, side, store: givenStore, overlay: givenOverlay }: {
  doc: WorkflowDocument;
  statuses?: ReadonlyMap<string, StepStatus>;
  /** A store and overlay made by the caller, to select nodes and set statuses from outside the canvas (a run's timeline). */
  store?: EditorStore;
  overlay?: OverlayStore;
  /** Replaces the inspector (a run's step details, say); it can read the selection from the store. */
  side?: (store: EditorStore) => ReactNode;
}) {
  const [store] = useState(() => givenStore ?? new EditorStore(doc));
  const [overlay] = useState(() => givenOverlay ?? new OverlayStore());
  useValidation(store, overlay);
  useEffect(() => {
    if (statuses) overlay.setStatuses(statuses);
  }, [overlay, statuses]);
  return (
    <EditorProvider value={{ store, overlay, readOnly: true }}>
      <ReactFlowProvider>
        <Canvas />
        {side ? side(store) : <Inspector />}
      </ReactFlowProvider>
    </EditorProvider>
  );
}
