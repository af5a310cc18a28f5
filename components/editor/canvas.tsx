'use client';
/**
 * The React Flow canvas, controlled by the editor store. `nodeTypes` lives at module scope and
 * node cards are memoised, as React Flow's performance guide asks.
 */
import '@xyflow/react/dist/style.css';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
  type Node,
} from '@xyflow/react';
import { useCallback, useState, type DragEvent, type ReactNode } from 'react';
import { useToast } from '@/components/ui/toast';
import { categoryOf } from './catalog';
import { ConnectionLine } from './connection-line';
import { useEditorContext, useEditorState } from './context';
import { LARGE_GRAPH } from './node-geometry';
import { StepNodeView } from './step-node';
import { STEP_NODE_TYPE, type StepNode } from './to-graph';
import styles from './canvas.module.css';

export const DRAG_MIME = 'application/x-causeway-node-type';
/** Roughly half a node card, so a dropped node lands centred on the pointer. */
const DROP_OFFSET = { x: 110, y: 30 };

const nodeTypes = { [STEP_NODE_TYPE]: StepNodeView };
const MINIMAP_COLORS: Record<string, string> = {
  trigger: '#a78bfa',
  action: '#7aa2f0',
  flow: '#e8b15f',
  events: '#5cc2b6',
  unknown: '#b8bec6',
};
const minimapColor = (n: Node) => MINIMAP_COLORS[categoryOf((n as StepNode).data.type)] ?? '#b8bec6';
const fitViewOptions = { maxZoom: 1, minZoom: 0.3, padding: 0.15 };
const deleteKeys = ['Delete', 'Backspace'];
const proOptions = { hideAttribution: false };
const minimapStyle = { width: 168, height: 112 };

export function Canvas({ empty }: { empty?: ReactNode }) {
  const { store, readOnly } = useEditorContext();
  const nodes = useEditorState((s) => s.nodes);
  const edges = useEditorState((s) => s.edges);
  const initialized = useNodesInitialized();
  const { screenToFlowPosition } = useReactFlow();
  const notify = useToast();
  // an empty canvas keeps its viewport: dropping the first node should not move it
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);

  const isValidConnection = useCallback<IsValidConnection>(
    (c: Edge | Connection) => store.connectionProblem({ source: c.source, target: c.target, sourceHandle: c.sourceHandle ?? null }) === null,
    [store],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      const problem = store.connect(c);
      if (problem) notify(problem.message, 'error');
    },
    [store, notify],
  );
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME);
      if (!type || readOnly) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store.addNode(type, { x: Math.round(at.x - DROP_OFFSET.x), y: Math.round(at.y - DROP_OFFSET.y) });
    },
    [store, readOnly, screenToFlowPosition],
  );

  return (
    <div className={styles.canvas} data-ready={initialized || nodes.length === 0 ? 'true' : 'false'}>
      <ReactFlow<StepNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={store.applyNodeChanges}
        onEdgesChange={store.applyEdgeChanges}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        connectionLineComponent={ConnectionLine}
        onDrop={onDrop}
        onDragOver={onDragOver}
        onlyRenderVisibleElements={nodes.length > LARGE_GRAPH}
        fitView={fitOnOpen}
        fitViewOptions={fitViewOptions}
        minZoom={0.05}
        maxZoom={2}
        snapToGrid
        snapGrid={[10, 10]}
        deleteKeyCode={readOnly ? null : deleteKeys}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        attributionPosition="top-right"
        proOptions={proOptions}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c9ccd1" />
        <Controls showInteractive={false} position="bottom-left" />
        {nodes.length > 0 && <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} position="bottom-right" className={styles.minimap} style={minimapStyle} />}
      </ReactFlow>
      {nodes.length === 0 && empty && <div className={styles.empty}>{empty}</div>}
    </div>
  );
}
