/**
 * A copy of the unsaved draft in localStorage, written on every change, so a reload or a
 * closed tab loses no keystroke even when the save request did not get out.
 */
import type { WorkflowDocument } from '@/lib/engine/graph';

interface Backup {
  /** The server's updatedAt the draft was based on. */
  base: string;
  doc: WorkflowDocument;
}

const keyOf = (workflowId: string) => `causeway.draft.${workflowId}`;

export function writeBackup(workflowId: string, base: string, doc: WorkflowDocument): void {
  try {
    localStorage.setItem(keyOf(workflowId), JSON.stringify({ base, doc } satisfies Backup));
  } catch {
    // storage full or disabled: the autosave still runs
  }
}

export function clearBackup(workflowId: string): void {
  try {
    localStorage.removeItem(keyOf(workflowId));
  } catch {
    // nothing to clear
  }
}

/** The backed-up draft, if it was made from the version the server still has. */
export function readBackup(workflowId: string, serverUpdatedAt: string): WorkflowDocument | null {
  try {
    const raw = localStorage.getItem(keyOf(workflowId));
    if (!raw) return null;
    const backup = JSON.parse(raw) as Backup;
    return backup.base === serverUpdatedAt ? backup.doc : null;
  } catch {
    return null;
  }
}
