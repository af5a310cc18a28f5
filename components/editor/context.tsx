'use client';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Problem } from '@/lib/engine/validate';
import type { OverlayStore, StepStatus } from './overlay';
import type { EditorState, EditorStore } from './store';

interface EditorContextValue {
  store: EditorStore;
  overlay: OverlayStore;
  readOnly: boolean;
}

const EditorContext = createContext<EditorContextValue | null>(null);

export function EditorProvider({ value, children }: { value: EditorContextValue; children: ReactNode }) {
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('editor components need an <EditorProvider>');
  return value;
}

/** A slice of the editor state; the selector must return a stable value (a field, not a new array). */
export function useEditorState<T>(selector: (s: EditorState) => T): T {
  const { store } = useEditorContext();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()), () => selector(store.getState()));
}

export function useNodeProblems(nodeId: string): readonly Problem[] {
  const { overlay } = useEditorContext();
  const get = () => overlay.problemsOf(nodeId);
  return useSyncExternalStore(overlay.subscribe, get, get);
}

export function useProblems(): readonly Problem[] {
  const { overlay } = useEditorContext();
  return useSyncExternalStore(overlay.subscribe, overlay.problems, overlay.problems);
}

export function useNodeStatus(nodeId: string): StepStatus | undefined {
  const { overlay } = useEditorContext();
  const get = () => overlay.statusOf(nodeId);
  return useSyncExternalStore(overlay.subscribe, get, get);
}

export function useNodeNote(nodeId: string): string | undefined {
  const { overlay } = useEditorContext();
  const get = () => overlay.noteOf(nodeId);
  return useSyncExternalStore(overlay.subscribe, get, get);
}
