'use client';
/** The right-hand panel: the selected node's form, a multi-selection, or the workflow itself. */
import { memo, useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { useEditorContext, useEditorState } from '../context';
import { NodeForm } from './node-form';
import styles from './inspector.module.css';

const selectOne = (s: { selectedNodeIds: readonly string[] }) => (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : null);

function WorkflowSettings() {
  const { store, readOnly } = useEditorContext();
  const meta = useEditorState((s) => s.meta);
  const nodeCount = useEditorState((s) => s.nodes.length);
  const edgeCount = useEditorState((s) => s.edges.length);
  return (
    <div className={styles.form}>
      <header className={styles.plainHeader}>
        <h2>Workflow</h2>
        <p>{nodeCount} nodes · {edgeCount} connections. Select a node to edit it.</p>
      </header>
      <div className={styles.field}>
        <label htmlFor="wf-description" className={styles.label}>Description</label>
        <textarea id="wf-description" className={styles.textarea} rows={3} readOnly={readOnly} value={meta.description ?? ''}
          placeholder="What this workflow does"
          onChange={(e) => store.setMeta({ name: meta.name, ...(e.target.value !== '' && { description: e.target.value }) })} />
      </div>
      <section className={styles.section}>
        <h3>Keyboard</h3>
        <dl className={styles.keys}>
          <dt><kbd>/</kbd></dt><dd>Add a node</dd>
          <dt><kbd>Del</kbd></dt><dd>Delete the selection</dd>
          <dt><kbd>Ctrl</kbd> <kbd>C</kbd> / <kbd>V</kbd></dt><dd>Copy, paste (also into another workflow)</dd>
          <dt><kbd>Ctrl</kbd> <kbd>Z</kbd> / <kbd>Y</kbd></dt><dd>Undo, redo</dd>
          <dt><kbd>Ctrl</kbd> <kbd>S</kbd></dt><dd>Save now</dd>
          <dt><kbd>Ctrl</kbd> <kbd>A</kbd></dt><dd>Select all</dd>
          <dt><kbd>←</kbd> <kbd>↑</kbd> <kbd>→</kbd> <kbd>↓</kbd></dt><dd>Nudge the selection (Shift: more)</dd>
        </dl>
      </section>
    </div>
  );
}

function Selection({ count }: { count: number }) {
  const { store, readOnly } = useEditorContext();
  return (
    <div className={styles.form}>
      <header className={styles.plainHeader}>
        <h2>{count} nodes selected</h2>
        <p>Drag one to move them all, or copy them into another workflow.</p>
      </header>
      {!readOnly && (
        <Button variant="danger" icon={<Icon name="trash" />} onClick={() => store.deleteSelection()}>Delete {count} nodes</Button>
      )}
    </div>
  );
}

function InspectorPanel() {
  // the code editor loads on demand; fetch it soon after the page opens, before it is needed
  useEffect(() => {
    const timer = setTimeout(() => void import('./code-input'), 500);
    return () => clearTimeout(timer);
  }, []);
  const selectedId = useEditorState(selectOne);
  const count = useEditorState((s) => s.selectedNodeIds.length);
  const data = useEditorState((s) => (selectedId ? s.nodes.find((n) => n.id === selectedId)?.data : undefined));
  return (
    <aside className={styles.inspector} aria-label="Inspector">
      {selectedId && data ? <NodeForm key={selectedId} nodeId={selectedId} data={data} /> : count > 1 ? <Selection count={count} /> : <WorkflowSettings />}
    </aside>
  );
}

export const Inspector = memo(InspectorPanel);
