'use client';
/**
 * Keyboard use of the canvas (undo/redo, select all, nudge, quick-add, save) and copy/cut/paste
 * through the system clipboard's own events, so no permission prompt and pasting works across
 * workflows and tabs. Keys typed into a field are left to the field.
 */
import { useEffect, useRef } from 'react';
import type { XYPosition } from '@xyflow/react';
import { parseClipboard } from './clipboard';
import type { EditorStore } from './store';

export interface ShortcutOptions {
  store: EditorStore;
  readOnly: boolean;
  onSave(): void;
  onQuickAdd(): void;
  /** Where pasted nodes go (their top-left corner), in flow coordinates. */
  pastePosition(): XYPosition | undefined;
  onPasted(count: number): void;
}

const NUDGE = 10;

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.cm-editor')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

const inDialog = (target: EventTarget | null) => target instanceof HTMLElement && !!target.closest('dialog[open]');

export function useShortcuts(options: ShortcutOptions): void {
  const opts = useRef(options);
  opts.current = options;

  useEffect(() => {
    let pasteCount = 0;
    const onKeyDown = (e: KeyboardEvent) => {
      const { store, readOnly, onSave, onQuickAdd } = opts.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        if (!readOnly) onSave();
        return;
      }
      if (isTextEntry(e.target) || inDialog(e.target) || e.defaultPrevented) return;
      if (mod && key === 'a') {
        e.preventDefault();
        store.selectAll();
      } else if (readOnly) {
        return;
      } else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) {
        e.preventDefault();
        store.redo();
      } else if (mod && key === 'z') {
        e.preventDefault();
        store.undo();
      } else if (!mod && e.key === '/') {
        e.preventDefault();
        onQuickAdd();
      } else if (!mod && e.key.startsWith('Arrow') && store.getState().selectedNodeIds.length > 0) {
        e.preventDefault();
        const step = e.shiftKey ? NUDGE * 4 : NUDGE; // as React Flow moves a focused node
        const [dx, dy] = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key] ?? [0, 0];
        store.nudge(dx, dy);
      }
    };
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (isTextEntry(e.target) || inDialog(e.target) || !e.clipboardData) return;
      if (window.getSelection()?.toString()) return; // the user selected text on the page
      const payload = opts.current.store.copySelection();
      if (!payload) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', JSON.stringify(payload, null, 2));
      pasteCount = 0;
      if (cut && !opts.current.readOnly) opts.current.store.deleteSelection();
    };
    const onPaste = (e: ClipboardEvent) => {
      const { store, readOnly, pastePosition, onPasted } = opts.current;
      if (readOnly || isTextEntry(e.target) || inDialog(e.target) || !e.clipboardData) return;
      const payload = parseClipboard(e.clipboardData.getData('text/plain'));
      if (!payload) return;
      e.preventDefault();
      const at = pastePosition();
      const shift = 30 * pasteCount++;
      onPasted(store.paste(payload, at && { x: at.x + shift, y: at.y + shift }).length);
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
