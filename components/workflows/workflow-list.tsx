'use client';
/** The workflows table with create, import, export, duplicate and delete. */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { downloadJson } from '@/components/editor/download';
import { useApi, useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Icon } from '@/components/ui/icons';
import { Pill, StatusPill } from '@/components/ui/pill';
import { useToast } from '@/components/ui/toast';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { ago } from './time';
import styles from './workflows.module.css';

export interface WorkflowRow {
  id: string;
  name: string;
  description: string | null;
  nodeCount: number;
  active: boolean;
  activeVersion: number | null;
  updatedAt: string;
  lastRun: { id: string; status: string; createdAt: string } | null;
  runs24h: number;
}

type Doc = WorkflowDocument & { id: string };
const documentOf = (w: Doc): WorkflowDocument => ({
  name: w.name,
  ...(w.description !== undefined && { description: w.description }),
  nodes: w.nodes,
  edges: w.edges,
});

export function WorkflowList({ rows }: { rows: WorkflowRow[] }) {
  const api = useApi();
  const router = useRouter();
  const notify = useToast();
  const canEdit = useCanEdit();
  const fileInput = useRef<HTMLInputElement>(null);
  const [deleting, setDeleting] = useState<WorkflowRow | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    try {
      await what();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const create = () => run(async () => {
    const created = await api.request<{ id: string }>('POST', '/api/workflows', { name: 'Untitled workflow', nodes: [], edges: [] });
    router.push(`/workflows/${created.id}`);
  });

  const importFile = (file: File) => run(async () => {
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      throw new Error(`${file.name} is not a JSON file`);
    }
    const created = await api.request<{ id: string; name: string }>('POST', '/api/workflows', doc);
    notify(`Imported “${created.name}”.`, 'success');
    router.push(`/workflows/${created.id}`);
  });

  const exportOne = (row: WorkflowRow) => run(async () => {
    downloadJson(documentOf(await api.request<Doc>('GET', `/api/workflows/${row.id}`)));
  });

  const duplicate = (row: WorkflowRow) => run(async () => {
    const doc = documentOf(await api.request<Doc>('GET', `/api/workflows/${row.id}`));
    await api.request('POST', '/api/workflows', { ...doc, name: `${doc.name} (copy)` });
    notify(`Duplicated “${row.name}” (the copy is inactive).`, 'success');
    router.refresh();
  });

  const remove = (row: WorkflowRow) => run(async () => {
    await api.request('DELETE', `/api/workflows/${row.id}`);
    setDeleting(null);
    notify(`Deleted “${row.name}”.`);
    router.refresh();
  });

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1>Workflows</h1>
          <p className={styles.sub}>{rows.length} workflow{rows.length === 1 ? '' : 's'}, {rows.filter((r) => r.active).length} active</p>
        </div>
        {canEdit && <div className={styles.actions}>
          <Button icon={<Icon name="upload" />} onClick={() => fileInput.current?.click()} disabled={busy}>Import</Button>
          <Button variant="primary" icon={<Icon name="plus" />} onClick={create} disabled={busy}>New workflow</Button>
          <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Workflow file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }} />
        </div>}
      </header>
      {rows.length === 0 ? (
        <div className={styles.empty}>
          <h2>No workflows yet</h2>
          <p>{canEdit ? 'Create one and draw it on the canvas, or import a workflow JSON file.' : 'Nobody has made one yet.'}</p>
        </div>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr><th>Name</th><th>Status</th><th>Last run</th><th className={styles.num}>Runs (24 h)</th><th>Updated</th><th><span className={styles.sr}>Actions</span></th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <div className={styles.nameCell}>
                    <Link href={`/workflows/${r.id}`} className={styles.name}>{r.name}</Link>
                    <span className={styles.desc}>{r.description ?? `${r.nodeCount} nodes`}</span>
                  </div>
                </td>
                <td>{r.active ? <Pill tone="success">Active · v{r.activeVersion}</Pill> : <Pill>Inactive</Pill>}</td>
                <td>
                  {r.lastRun ? (
                    <Link href={`/workflows/${r.id}/runs/${r.lastRun.id}`} className={styles.lastRun}>
                      <StatusPill status={r.lastRun.status} />
                      <span suppressHydrationWarning>{ago(r.lastRun.createdAt)}</span>
                    </Link>
                  ) : (
                    <span className={styles.none}>never</span>
                  )}
                </td>
                <td className={styles.num}>{r.runs24h}</td>
                <td suppressHydrationWarning className={styles.muted}>{ago(r.updatedAt)}</td>
                <td className={styles.rowActions}>
                  <Button size="sm" variant="ghost" icon={<Icon name="download" />} aria-label={`Export ${r.name}`} title="Export as JSON" onClick={() => void exportOne(r)} disabled={busy} />
                  {canEdit && <>
                    <Button size="sm" variant="ghost" icon={<Icon name="copy" />} aria-label={`Duplicate ${r.name}`} title="Duplicate" onClick={() => void duplicate(r)} disabled={busy} />
                    <Button size="sm" variant="ghost" icon={<Icon name="trash" />} aria-label={`Delete ${r.name}`} title="Delete" onClick={() => setDeleting(r)} disabled={busy} />
                  </>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={deleting !== null} title="Delete workflow?" onClose={() => setDeleting(null)}
        footer={<>
          <Button onClick={() => setDeleting(null)}>Cancel</Button>
          <Button variant="primary" className={styles.dangerButton} disabled={busy} onClick={() => deleting && void remove(deleting)}>Delete</Button>
        </>}>
        <p>“{deleting?.name}” stops reacting to events and leaves this list. Its runs stay in the log.</p>
      </Dialog>
    </div>
  );
}
