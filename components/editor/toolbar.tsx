'use client';
/** The editor's top bar: name, status, save state and the commands. */
import Link from 'next/link';
import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { Pill } from '@/components/ui/pill';
import { useEditorContext, useEditorState } from './context';
import type { SaveState } from './use-autosave';
import styles from './editor.module.css';

export interface ToolbarProps {
  /** False for a viewer: the commands that change something are not offered. */
  canEdit: boolean;
  active: boolean;
  liveVersion: number | null;
  unpublished: boolean;
  saveState: SaveState;
  saveError: string | null;
  busy: boolean;
  onSave(): void;
  onLayout(): void;
  onImport(): void;
  onExport(): void;
  onHistory(): void;
  onTest(): void;
  onActivate(): void;
  onDeactivate(): void;
}

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved',
  saving: 'Saving…',
  error: 'Save failed',
};

function ToolbarView(p: ToolbarProps) {
  const { store } = useEditorContext();
  const name = useEditorState((s) => s.meta.name);
  const canUndo = useEditorState((s) => s.canUndo);
  const canRedo = useEditorState((s) => s.canRedo);
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Workflow">
      <Link href="/workflows" className={styles.back} aria-label="All workflows"><Icon name="back" /></Link>
      <input className={styles.name} aria-label="Workflow name" value={name} spellCheck={false} readOnly={!p.canEdit}
        placeholder="Name this workflow" aria-invalid={name.trim() === '' || undefined}
        onChange={(e) => store.setMeta({ ...store.getState().meta, name: e.target.value })} />
      {p.active ? (
        <Pill tone="success" title="Events start runs of this version">Active · v{p.liveVersion}</Pill>
      ) : (
        <Pill>Inactive</Pill>
      )}
      {p.active && p.unpublished && <span className={styles.unpublished} title="The draft differs from the live version">Unpublished changes</span>}
      {p.canEdit ? (
        <span className={`${styles.saveState} ${p.saveState === 'error' ? styles.saveError : ''}`} role="status" title={p.saveError ?? undefined}>
          {SAVE_LABELS[p.saveState]}
        </span>
      ) : (
        <span className={styles.saveState}>View only</span>
      )}
      <div className={styles.toolbarSpacer} />
      {p.canEdit && (
        <div className={styles.toolGroup}>
          <Button variant="ghost" icon={<Icon name="undo" />} aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => store.undo()} />
          <Button variant="ghost" icon={<Icon name="redo" />} aria-label="Redo" title="Redo (Ctrl+Y)" disabled={!canRedo} onClick={() => store.redo()} />
          <Button variant="ghost" icon={<Icon name="layout" />} aria-label="Auto-layout" title="Auto-layout" onClick={p.onLayout} />
        </div>
      )}
      <div className={styles.toolGroup}>
        {p.canEdit && <Button variant="ghost" icon={<Icon name="upload" />} aria-label="Import" title="Import: replace the draft with a JSON file" onClick={p.onImport} />}
        <Button variant="ghost" icon={<Icon name="download" />} aria-label="Export" title="Export the draft as JSON" onClick={p.onExport} />
        <Button variant="ghost" icon={<Icon name="history" />} aria-label="Version history" title="Version history" onClick={p.onHistory} />
      </div>
      {p.canEdit && (
        <>
          <Button icon={<Icon name="send" />} onClick={p.onTest}>Test</Button>
          <Button icon={<Icon name="save" />} onClick={p.onSave} disabled={p.saveState === 'saved' || p.saveState === 'saving'}>Save</Button>
          {p.active ? (
            <>
              {p.unpublished && <Button variant="primary" onClick={p.onActivate} disabled={p.busy}>Publish</Button>}
              <Button icon={<Icon name="power" />} onClick={p.onDeactivate} disabled={p.busy}>Deactivate</Button>
            </>
          ) : (
            <Button variant="primary" icon={<Icon name="power" />} onClick={p.onActivate} disabled={p.busy}>Activate</Button>
          )}
        </>
      )}
    </div>
  );
}

export const Toolbar = memo(ToolbarView);
