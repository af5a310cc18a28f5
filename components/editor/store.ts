/**
 * The editor's state: the canvas nodes and edges (the document plus view state), the
 * document's name, selection and undo history. Plain TypeScript with a subscribe/getState
 * pair, so React components select only the slice they need and tests need no browser.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { connectionProblem, type Problem } from '@/lib/engine/validate';
import { DEFAULT_HANDLE, NODE_ID_RE, type WorkflowDocument } from '@/lib/engine/graph';
import { outputHandles } from '@/lib/engine/nodes';
import { clipboardPayload, placePasted, type ClipboardPayload } from './clipboard';
import { defaultConfig, idBase } from './catalog';
import { History } from './history';
import { edgeIdFactory, uniqueNodeId } from './ids';
import { dropEstimates, withEstimates } from './node-geometry';
import { renameStepReferences } from './rename';
import { toDocument, toFlow, toFlowEdge, toFlowNode, toWorkflowEdge, toWorkflowNode } from './to-graph';
import type { DocumentMeta, FlowEdge, StepData, StepNode } from './to-graph';

export interface EditorState {
  nodes: StepNode[];
  edges: FlowEdge[];
  meta: DocumentMeta;
  /** Counts changes to the document (not selection, not the frames of a drag). */
  revision: number;
  /** Counts the changes that are not only moves: what validation depends on. */
  contentRevision: number;
  selectedNodeIds: readonly string[];
  selectedEdgeIds: readonly string[];
  canUndo: boolean;
  canRedo: boolean;
}

interface Snapshot {
  nodes: StepNode[];
  edges: FlowEdge[];
  meta: DocumentMeta;
}

const EMPTY: readonly string[] = [];

const selectedIds = (items: ReadonlyArray<{ id: string; selected?: boolean }>) => {
  const ids = items.filter((i) => i.selected).map((i) => i.id);
  return ids.length === 0 ? EMPTY : ids;
};

export class EditorStore {
  private state: EditorState;
  private readonly listeners = new Set<() => void>();
  private readonly history: History<Snapshot>;
  private dragging = false;
  private docCache: { nodes: StepNode[]; edges: FlowEdge[]; meta: DocumentMeta; doc: WorkflowDocument } | undefined;

  constructor(doc: WorkflowDocument, now: () => number = () => Date.now()) {
    this.history = new History(now);
    const { nodes, edges } = toFlow(doc);
    this.state = {
      nodes: withEstimates(nodes),
      edges,
      meta: metaOf(doc),
      revision: 0,
      contentRevision: 0,
      selectedNodeIds: EMPTY,
      selectedEdgeIds: EMPTY,
      canUndo: false,
      canRedo: false,
    };
  }

  getState = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The workflow document (SPEC §5) of the current state; the same object until it changes. */
  document(): WorkflowDocument {
    const { nodes, edges, meta } = this.state;
    const c = this.docCache;
    if (c && c.nodes === nodes && c.edges === edges && c.meta === meta) return c.doc;
    const doc = toDocument(meta, nodes, edges);
    this.docCache = { nodes, edges, meta, doc };
    return doc;
  }

  // React Flow callbacks

  applyNodeChanges = (changes: NodeChange<StepNode>[]): void => {
    let changesDoc = false;
    let movesOnly = true;
    let changesSelection = false;
    for (const c of changes) {
      if (c.type === 'select') changesSelection = true;
      else if (c.type === 'position') {
        if (c.dragging && !this.dragging) {
          this.dragging = true;
          this.record();
        } else if (!c.dragging && this.dragging) {
          this.dragging = false;
          changesDoc = true;
        } else if (!c.dragging && c.position) {
          this.record('nudge');
          changesDoc = true;
        }
      } else if (c.type !== 'dimensions') {
        this.record(c.type, true);
        changesDoc = true;
        movesOnly = false;
        changesSelection = true;
      }
    }
    const measured = new Set(changes.flatMap((c) => (c.type === 'dimensions' ? [c.id] : [])));
    const nodes = dropEstimates(applyNodeChanges(changes, this.state.nodes), measured);
    this.set({ nodes, ...(changesSelection && { selectedNodeIds: selectedIds(nodes) }) }, changesDoc && (movesOnly ? 'move' : true));
  };

  applyEdgeChanges = (changes: EdgeChange<FlowEdge>[]): void => {
    const changesDoc = changes.some((c) => c.type !== 'select');
    if (changesDoc) this.record('remove', true);
    const edges = applyEdgeChanges(changes, this.state.edges);
    this.set({ edges, selectedEdgeIds: selectedIds(edges) }, changesDoc);
  };

  /** Why a connection may not be made (null when it may); React Flow asks while dragging. */
  connectionProblem = (conn: Pick<Connection, 'source' | 'target' | 'sourceHandle'>): Problem | null => {
    const handle = conn.sourceHandle ?? DEFAULT_HANDLE;
    const duplicate = this.state.edges.some(
      (e) => e.source === conn.source && e.target === conn.target && (e.sourceHandle ?? DEFAULT_HANDLE) === handle,
    );
    if (duplicate) return { code: 'schema', message: 'these two are already connected this way' };
    return connectionProblem(this.document(), conn);
  };

  connect = (conn: Connection): Problem | null => {
    const problem = this.connectionProblem(conn);
    if (problem) return problem;
    this.record();
    const nextId = edgeIdFactory(this.state.edges.map((e) => e.id));
    const edge = toFlowEdge({
      id: nextId(),
      source: conn.source,
      target: conn.target,
      ...(conn.sourceHandle && conn.sourceHandle !== DEFAULT_HANDLE && { sourceHandle: conn.sourceHandle }),
    });
    this.set({ edges: [...this.state.edges, edge] }, true);
    return null;
  };

  // editing

  /** Adds a node of a type (selected alone), optionally wired from an output of another node. */
  addNode(type: string, position: XYPosition, from?: { nodeId: string; handle?: string }): string {
    this.record();
    const id = uniqueNodeId(idBase(type), new Set(this.state.nodes.map((n) => n.id)));
    const node: StepNode = { ...toFlowNode({ id, type, position, config: defaultConfig(type) }), selected: true };
    const nodes = [...this.state.nodes.map(deselect), node];
    let edges = this.state.edges.map(deselect);
    if (from) {
      const doc = toDocument(this.state.meta, nodes, edges);
      const conn = { source: from.nodeId, target: id, sourceHandle: from.handle ?? DEFAULT_HANDLE };
      if (!connectionProblem(doc, conn)) {
        const nextId = edgeIdFactory(edges.map((e) => e.id));
        edges = [...edges, toFlowEdge({ id: nextId(), source: from.nodeId, target: id, ...(from.handle && from.handle !== DEFAULT_HANDLE && { sourceHandle: from.handle }) })];
      }
    }
    this.set({ nodes, edges, selectedNodeIds: [id], selectedEdgeIds: EMPTY }, true);
    return id;
  }

  /**
   * Changes a node's document fields; edits with the same `coalesceKey` in a row undo together.
   * When the change renames one output (a switch case), the edges leaving it follow.
   */
  updateData(id: string, update: (data: StepData) => StepData, coalesceKey?: string): void {
    const node = this.state.nodes.find((n) => n.id === id);
    if (!node) return;
    this.record(coalesceKey);
    const data = update(node.data);
    const before = outputHandles(node.data);
    const after = outputHandles(data);
    const removed = before.filter((h) => !after.includes(h));
    const added = after.filter((h) => !before.includes(h));
    let edges = this.state.edges;
    if (removed.length === 1 && added.length === 1) {
      edges = edges.map((e) =>
        e.source === id && (e.sourceHandle ?? DEFAULT_HANDLE) === removed[0] ? { ...e, sourceHandle: added[0] } : e,
      );
    }
    this.set({ nodes: this.state.nodes.map((n) => (n === node ? { ...n, data } : n)), edges }, true);
  }

  /** Renames a node, rewiring its edges and `steps.<id>` references; returns why not, or null. */
  renameNode(id: string, newId: string): string | null {
    if (id === newId) return null;
    if (!NODE_ID_RE.test(newId)) return 'an id starts with a letter or _ and holds only letters, digits and _';
    if (this.state.nodes.some((n) => n.id === newId)) return `another node is already called "${newId}"`;
    this.record();
    const nodes = this.state.nodes.map((n) => {
      const renamed = n.id === id ? { ...n, id: newId } : n;
      const config = renameStepReferences(renamed.data.config, id, newId);
      return config === renamed.data.config ? renamed : { ...renamed, data: { ...renamed.data, config } };
    });
    const edges = this.state.edges.map((e) =>
      e.source === id || e.target === id
        ? { ...e, source: e.source === id ? newId : e.source, target: e.target === id ? newId : e.target }
        : e,
    );
    this.set({ nodes, edges, selectedNodeIds: selectedIds(nodes) }, true);
    return null;
  }

  setMeta(meta: DocumentMeta): void {
    this.record('meta');
    this.set({ meta }, true);
  }

  deleteSelection(): void {
    const { nodes, edges } = this.state;
    const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
    const keptEdges = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
    if (gone.size === 0 && keptEdges.length === edges.length) return;
    this.record();
    this.set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: keptEdges, selectedNodeIds: EMPTY, selectedEdgeIds: EMPTY }, true);
  }

  /** Selects exactly these nodes (and no edges). */
  select(ids: readonly string[]): void {
    const want = new Set(ids);
    const nodes = this.state.nodes.map((n) => (!!n.selected === want.has(n.id) ? n : { ...n, selected: want.has(n.id) }));
    const edges = this.state.edges.map(deselect);
    this.set({ nodes, edges, selectedNodeIds: selectedIds(nodes), selectedEdgeIds: EMPTY }, false);
  }

  selectAll(): void {
    this.select(this.state.nodes.map((n) => n.id));
  }

  /** Moves the selected nodes by (dx, dy). */
  nudge(dx: number, dy: number): void {
    if (this.state.selectedNodeIds.length === 0) return;
    this.record('nudge');
    const nodes = this.state.nodes.map((n) =>
      n.selected ? { ...n, position: { x: n.position.x + dx, y: n.position.y + dy } } : n,
    );
    this.set({ nodes }, 'move');
  }

  /** Moves nodes to new positions at once (auto-layout), as one undo step. */
  setPositions(positions: ReadonlyMap<string, XYPosition>): void {
    this.record();
    this.set({ nodes: this.state.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) }, 'move');
  }

  /** Replaces the whole document (restoring a version, importing), as one undo step. */
  replaceDocument(doc: WorkflowDocument): void {
    this.record();
    const { nodes, edges } = toFlow(doc);
    this.set({ nodes: withEstimates(nodes), edges, meta: metaOf(doc), selectedNodeIds: EMPTY, selectedEdgeIds: EMPTY }, true);
  }

  copySelection(): ClipboardPayload | null {
    const nodes = this.state.nodes.filter((n) => n.selected);
    if (nodes.length === 0) return null;
    return clipboardPayload(nodes.map(toWorkflowNode), this.state.edges.map(toWorkflowEdge));
  }

  /**
   * Pastes nodes (see placePasted): fresh ids where theirs are taken, edges between them
   * following, placed at `at` or offset from where they were; they become the selection.
   */
  paste(payload: ClipboardPayload, at?: XYPosition): string[] {
    this.record();
    const { nodes: added, edges: addedEdges } = placePasted(payload, this.state.nodes.map((n) => n.id), this.state.edges.map((e) => e.id), at);
    const nodes = [...this.state.nodes.map(deselect), ...added];
    const edges = [...this.state.edges.map(deselect), ...addedEdges];
    this.set({ nodes, edges, selectedNodeIds: added.map((n) => n.id), selectedEdgeIds: EMPTY }, true);
    return added.map((n) => n.id);
  }

  undo(): void {
    const prev = this.history.undo(this.snapshot());
    if (prev) this.restore(prev);
  }

  redo(): void {
    const next = this.history.redo(this.snapshot());
    if (next) this.restore(next);
  }

  // internals

  private snapshot(): Snapshot {
    return { nodes: this.state.nodes, edges: this.state.edges, meta: this.state.meta };
  }

  private restore(s: Snapshot): void {
    this.set({ ...s, selectedNodeIds: selectedIds(s.nodes), selectedEdgeIds: selectedIds(s.edges) }, true);
  }

  /** Saves the state before a change for undo (see History.record). */
  private record(key?: string, sameTick = false): void {
    this.history.record(this.snapshot(), key, sameTick);
  }

  /** `changes`: true for a document change, 'move' when only positions changed. */
  private set(patch: Partial<EditorState>, changes: boolean | 'move'): void {
    this.state = {
      ...this.state,
      ...patch,
      revision: this.state.revision + (changes ? 1 : 0),
      contentRevision: this.state.contentRevision + (changes === true ? 1 : 0),
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
    };
    for (const listener of this.listeners) listener();
  }
}

function metaOf(doc: WorkflowDocument): DocumentMeta {
  return doc.description === undefined ? { name: doc.name } : { name: doc.name, description: doc.description };
}

function deselect<T extends { selected?: boolean }>(item: T): T {
  return item.selected ? { ...item, selected: false } : item;
}

