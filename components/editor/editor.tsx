'use client';
/** The workflow editor: palette, canvas, inspector, problems and the toolbar's commands. */
import { ReactFlowProvider, useReactFlow, type XYPosition } from '@xyflow/react';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError, useApi, useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { workflowDocumentSchema, type WorkflowDocument } from '@/lib/engine/graph';
import { isTriggerNode, outputHandles } from '@/lib/engine/nodes';
import type { Problem } from '@/lib/engine/validate';
import { EditorLiveRun } from '@/components/live/editor-live-run';
import { Canvas } from './canvas';
import { EditorProvider } from './context';
import { readBackup } from './draft-backup';
import { downloadJson } from './download';
import { GraphView } from './graph-view';
import { Inspector } from './inspector/inspector';
import { autoLayout } from './layout';
import { OverlayStore } from './overlay';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { QuickAdd } from './quick-add';
import { SampleProvider } from './sample-context';
import { EditorStore } from './store';
import { TestEventDialog } from './test-event-dialog';
import { Toolbar } from './toolbar';
import { useAutosave } from './use-autosave';
import { useShortcuts } from './use-shortcuts';
import { useUnpublished } from './use-unpublished';
import { useValidation } from './use-validation';
import { VersionsDialog, type VersionItem } from './versions-dialog';
import styles from './editor.module.css';

export interface EditorWorkflow extends WorkflowDocument {
  id: string;
  active: boolean;
  activeVersion: number | null;
  updatedAt: string;
}

type Dialogs = 'none' | 'quick-add' | 'versions' | 'test';
const NODE_HALF = { x: 110, y: 35 };

const docOf = (w: EditorWorkflow): WorkflowDocument => ({
  name: w.name,
  ...(w.description !== undefined && { description: w.description }),
  nodes: w.nodes,
  edges: w.edges,
});

export function Editor({ workflow }: { workflow: EditorWorkflow }) {
  return (
    <SampleProvider workflowId={workflow.id}>
      <ReactFlowProvider>
        <EditorBody workflow={workflow} />
      </ReactFlowProvider>
    </SampleProvider>
  );
}

function EditorBody({ workflow }: { workflow: EditorWorkflow }) {
  const api = useApi();
  const notify = useToast();
  const router = useRouter();
  const flow = useReactFlow();
  // a viewer sees everything and changes nothing (the API refuses their writes anyway)
  const canEdit = useCanEdit();
  const [store] = useState(() => new EditorStore(docOf(workflow)));
  const [overlay] = useState(() => new OverlayStore());
  const [savedJson] = useState(() => JSON.stringify(store.document()));
  const [status, setStatus] = useState({ active: workflow.active, liveVersion: workflow.activeVersion });
  const [liveDoc, setLiveDoc] = useState<WorkflowDocument | null>(null);
  const [dialog, setDialog] = useState<Dialogs>('none');
  const [viewing, setViewing] = useState<VersionItem | null>(null);
  const [refused, setRefused] = useState<readonly Problem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const canvasRef = useRef<HTMLDivElement>(null);
  const pointer = useRef<XYPosition | null>(null);
  const importInput = useRef<HTMLInputElement>(null);

  useValidation(store, overlay);
  const autosave = useAutosave(store, workflow.id, { updatedAt: workflow.updatedAt, savedJson }, viewing === null && canEdit);
  const unpublished = useUnpublished(store, liveDoc);
  const context = useMemo(() => ({ store, overlay, readOnly: !canEdit }), [store, overlay, canEdit]);

  useEffect(() => {
    const backup = readBackup(workflow.id, workflow.updatedAt);
    if (backup && JSON.stringify(backup) !== savedJson) {
      store.replaceDocument(backup);
      notify('Restored the changes you had not saved yet.');
    }
  }, [store, workflow.id, workflow.updatedAt, savedJson, notify]);

  const loadLive = useCallback(() => {
    api.request<{ items: VersionItem[] }>('GET', `/api/workflows/${workflow.id}/versions`)
      .then((r) => setLiveDoc(r.items.find((v) => v.active)?.document ?? null))
      .catch(() => setLiveDoc(null));
  }, [api, workflow.id]);
  useEffect(loadLive, [loadLive]);
  useEffect(() => {
    // a refused activation's list stays until the document changes
    let revision = store.getState().revision;
    return store.subscribe(() => {
      if (store.getState().revision !== revision) setRefused(null);
      revision = store.getState().revision;
    });
  }, [store]);

  const canvasCenter = useCallback((): XYPosition => {
    const r = canvasRef.current?.getBoundingClientRect();
    const p = flow.screenToFlowPosition(r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : { x: 400, y: 300 });
    return { x: Math.round(p.x - NODE_HALF.x), y: Math.round(p.y - NODE_HALF.y) };
  }, [flow]);

  /** Adds a node after the selected one (wired from its first free output), else mid-canvas. */
  const addNear = useCallback((type: string) => {
    const s = store.getState();
    const sel = s.selectedNodeIds.length === 1 ? s.nodes.find((n) => n.id === s.selectedNodeIds[0]) : undefined;
    if (!sel) {
      store.addNode(type, canvasCenter());
      return;
    }
    const handles = outputHandles(sel.data);
    const used = new Set(s.edges.filter((e) => e.source === sel.id).map((e) => e.sourceHandle ?? 'out'));
    const handle = handles.find((h) => !used.has(h)) ?? handles[0];
    const at = { x: sel.position.x + 300, y: sel.position.y + Math.max(0, handles.indexOf(handle)) * 110 };
    const added = store.addNode(type, at, handle ? { nodeId: sel.id, handle } : undefined);
    // once the new card is drawn (and measured), bring both into view
    setTimeout(() => void flow.fitView({ nodes: [{ id: sel.id }, { id: added }], duration: 250, maxZoom: 1, padding: 0.3 }), 50);
  }, [store, flow, canvasCenter]);

  const saveDraft = autosave.save;
  useEffect(() => {
    if (autosave.error) notify(`Not saved: ${autosave.error}`, 'error');
  }, [autosave.error, notify]);
  const save = useCallback(() => void saveDraft(), [saveDraft]);
  useShortcuts({
    store,
    readOnly: viewing !== null || !canEdit,
    onSave: save,
    onQuickAdd: () => setDialog('quick-add'),
    pastePosition: () => (pointer.current ? flow.screenToFlowPosition(pointer.current) : canvasCenter()),
    onPasted: (n) => notify(`Pasted ${n} node${n === 1 ? '' : 's'}.`),
  });

  const selectNode = useCallback((id: string) => {
    store.select([id]);
    void flow.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.1 });
  }, [store, flow]);

  const layout = useCallback(async () => {
    const { nodes, edges } = store.getState();
    store.setPositions(await autoLayout(nodes, edges));
    requestAnimationFrame(() => void flow.fitView({ duration: 300, maxZoom: 1, padding: 0.15 }));
  }, [store, flow]);

  const importFile = useCallback(async (file: File) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch {
      notify(`${file.name} is not JSON.`, 'error');
      return;
    }
    const parsed = workflowDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      notify(`${file.name} is not a workflow: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 'error');
      return;
    }
    store.replaceDocument(parsed.data);
    notify(`Imported ${file.name} as the draft (undo brings back the previous one).`, 'success');
    requestAnimationFrame(() => void flow.fitView({ duration: 300, maxZoom: 1 }));
  }, [store, notify, flow]);

  const activate = useCallback(async () => {
    setBusy(true);
    try {
      if (!(await saveDraft())) {
        notify('The draft could not be saved, so it was not activated.', 'error');
        return;
      }
      const r = await api.request<{ activeVersion: number }>('POST', `/api/workflows/${workflow.id}/activate`);
      setStatus({ active: true, liveVersion: r.activeVersion });
      loadLive();
      notify(`Version ${r.activeVersion} is live.`, 'success');
    } catch (e) {
      const problems = e instanceof ApiRequestError ? (e.details as { problems?: Problem[] } | undefined)?.problems : undefined;
      if (problems) setRefused(problems);
      notify(e instanceof Error ? e.message : String(e), 'error');
    } finally {
      setBusy(false);
    }
  }, [api, saveDraft, workflow.id, loadLive, notify]);

  const deactivate = useCallback(async () => {
    setBusy(true);
    try {
      await api.request('POST', `/api/workflows/${workflow.id}/deactivate`);
      setStatus({ active: false, liveVersion: null });
      setLiveDoc(null);
      notify('Deactivated: events no longer start runs of this workflow.');
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'error');
    } finally {
      setBusy(false);
    }
  }, [api, workflow.id, notify]);

  const restore = useCallback((v: VersionItem) => {
    store.replaceDocument(v.document);
    setViewing(null);
    setDialog('none');
    notify(`Version ${v.version} is the draft again (undo brings back what you had).`, 'success');
  }, [store, notify]);

  const openTest = useCallback(() => {
    void saveDraft();
    setDialog('test');
  }, [saveDraft]);

  const selectedForQuickAdd = dialog === 'quick-add' && store.getState().selectedNodeIds.length === 1 ? store.getState().selectedNodeIds[0] : null;
  const triggers = dialog === 'test' ? store.document().nodes.filter(isTriggerNode) : [];
  const liveTriggers = liveDoc?.nodes.filter(isTriggerNode);

  return (
    <EditorProvider value={context}>
      <div className={`${styles.editor} fullbleed`}>
        {viewing ? (
          <div className={styles.versionBanner} role="status">
            <strong>Version {viewing.version}</strong> — read-only{viewing.active ? ' (live)' : ''}.
            <div className={styles.toolbarSpacer} />
            {canEdit && <Button onClick={() => restore(viewing)}>Restore as draft</Button>}
            <Button variant="primary" onClick={() => setViewing(null)}>Back to the draft</Button>
          </div>
        ) : (
          <Toolbar canEdit={canEdit} active={status.active} liveVersion={status.liveVersion} unpublished={unpublished} saveState={autosave.state}
            saveError={autosave.error} busy={busy} onSave={save} onLayout={() => void layout()}
            onImport={() => importInput.current?.click()} onExport={() => downloadJson(store.document())}
            onHistory={() => setDialog('versions')} onTest={openTest} onActivate={() => void activate()} onDeactivate={() => void deactivate()} />
        )}
        <div className={styles.body}>
          <Palette onAdd={addNear} disabled={viewing !== null || !canEdit} />
          {viewing ? (
            <GraphView key={viewing.id} doc={viewing.document} />
          ) : (
            <>
              <div className={styles.center} ref={canvasRef}
                onMouseMove={(e) => { pointer.current = { x: e.clientX, y: e.clientY }; }}
                onMouseLeave={() => { pointer.current = null; }}>
                <Canvas empty={<div className={styles.emptyHint}>
                  <strong>Start with a trigger</strong>
                  <span>Drag <em>Event trigger</em> from the left onto the canvas, or press <kbd>/</kbd> to add one.</span>
                </div>} />
                <EditorLiveRun workflowId={workflow.id} />
                <ProblemsPanel onSelect={selectNode} refused={refused} onDismissRefused={() => setRefused(null)} />
              </div>
              <Inspector />
            </>
          )}
        </div>
      </div>
      <input ref={importInput} type="file" accept=".json,application/json" hidden aria-label="Import file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }} />
      <QuickAdd open={dialog === 'quick-add'} connectFrom={selectedForQuickAdd} onClose={() => setDialog('none')}
        onAdd={(type) => { setDialog('none'); addNear(type); }} />
      <VersionsDialog workflowId={workflow.id} open={dialog === 'versions'} onClose={() => setDialog('none')}
        onOpenVersion={(v) => { setViewing(v); setDialog('none'); }} onRestore={restore} />
      <TestEventDialog open={dialog === 'test'} onClose={() => setDialog('none')} triggers={liveTriggers ?? triggers}
        active={status.active} liveVersion={status.liveVersion} unpublished={unpublished}
        onRun={(runId) => router.push(`/workflows/${workflow.id}/runs/${runId}`)} />
    </EditorProvider>
  );
}

