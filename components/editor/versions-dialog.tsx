'use client';
/** Version history: every published version, to open read-only or restore as the draft. */
import { useEffect, useState } from 'react';
import { useApi, useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Pill } from '@/components/ui/pill';
import type { WorkflowDocument } from '@/lib/engine/graph';
import styles from './editor.module.css';

export interface VersionItem {
  id: string;
  version: number;
  active: boolean;
  createdAt: string;
  document: WorkflowDocument;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function VersionsDialog({ workflowId, open, onClose, onOpenVersion, onRestore }: {
  workflowId: string;
  open: boolean;
  onClose(): void;
  onOpenVersion(v: VersionItem): void;
  onRestore(v: VersionItem): void;
}) {
  const api = useApi();
  const canEdit = useCanEdit();
  const [items, setItems] = useState<VersionItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setItems(null);
    api.request<{ items: VersionItem[] }>('GET', `/api/workflows/${workflowId}/versions`)
      .then((r) => setItems(r.items))
      .catch((e: Error) => setError(e.message));
  }, [api, open, workflowId]);
  return (
    <Dialog open={open} title="Version history" onClose={onClose} wide>
      {error && <p className={styles.dialogError}>{error}</p>}
      {!items && !error && <p className={styles.muted}>Loading…</p>}
      {items?.length === 0 && <p className={styles.muted}>No versions yet. Activating publishes the draft as version 1.</p>}
      {items && items.length > 0 && (
        <ul className={styles.versions}>
          {items.map((v) => (
            <li key={v.id}>
              <div>
                <strong>Version {v.version}</strong> {v.active && <Pill tone="success">live</Pill>}
                <div className={styles.muted}>{when(v.createdAt)} · {v.document.nodes.length} nodes</div>
              </div>
              <div className={styles.versionActions}>
                <Button size="sm" onClick={() => onOpenVersion(v)}>Open</Button>
                {canEdit && <Button size="sm" onClick={() => onRestore(v)}>Restore as draft</Button>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
