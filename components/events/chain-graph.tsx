'use client';
/** An event's causal chain drawn as a graph: events and the runs between them, left to right. */
import '@xyflow/react/dist/style.css';
import { Background, Controls, Handle, Position, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { useRouter } from 'next/navigation';
import { memo, useMemo } from 'react';
import { StatusPill } from '@/components/ui/pill';
import type { CausalChain, ChainRun } from '@/lib/events/chain';
import type { LiveEventSummary } from '@/lib/live/types';
import { COLUMN_WIDTH, layoutChain, ROW_HEIGHT } from './chain-layout';
import styles from './events.module.css';

type EventNode = Node<{ event: LiveEventSummary; focus: boolean }, 'event'>;
type RunNode = Node<{ run: ChainRun }, 'run'>;

function EventCard({ data }: NodeProps<EventNode>) {
  const e = data.event;
  return (
    <div className={`${styles.chainNode} ${styles.chainEvent} ${data.focus ? styles.chainFocus : ''}`} data-testid={`chain-event-${e.seq}`}>
      <Handle type="target" position={Position.Left} className={styles.chainHandle} />
      <span className={styles.chainKind}>event #{e.seq}</span>
      <code className={styles.chainTitle}>{e.type}</code>
      <span className={styles.chainSub}>{e.subject ?? e.source}</span>
      <Handle type="source" position={Position.Right} className={styles.chainHandle} />
    </div>
  );
}

function RunCard({ data }: NodeProps<RunNode>) {
  const r = data.run;
  return (
    <div className={`${styles.chainNode} ${styles.chainRun}`} data-testid={`chain-run-${r.id}`} data-status={r.status}>
      <Handle type="target" position={Position.Left} className={styles.chainHandle} />
      <span className={styles.chainKind}>run {r.id.slice(0, 8)}</span>
      <span className={styles.chainTitle}>{r.workflowName}</span>
      <StatusPill status={r.status} />
      <Handle type="source" position={Position.Right} className={styles.chainHandle} />
    </div>
  );
}

const nodeTypes = { event: memo(EventCard), run: memo(RunCard) };
const EDGE_STYLE: Record<string, { stroke: string; strokeDasharray?: string }> = {
  started: { stroke: '#7c3aed' },
  emitted: { stroke: '#0d8f83' },
  resumed: { stroke: '#c26a04', strokeDasharray: '6 4' },
  caused: { stroke: '#9aa1ab' },
};
const fitViewOptions = { padding: 0.15, maxZoom: 1 };
const proOptions = { hideAttribution: false };

function ChainGraphView({ chain }: { chain: CausalChain }) {
  const router = useRouter();
  const { nodes, edges } = useMemo(() => {
    const placed = layoutChain(chain);
    const at = (key: string) => {
      const p = placed.get(key)!;
      return { x: p.column * COLUMN_WIDTH, y: p.row * ROW_HEIGHT };
    };
    const nodes: (EventNode | RunNode)[] = [
      ...chain.events.map((e): EventNode => ({ id: `e:${e.seq}`, type: 'event', position: at(`e:${e.seq}`), data: { event: e, focus: e.seq === chain.focus } })),
      ...chain.runs.map((r): RunNode => ({ id: `r:${r.id}`, type: 'run', position: at(`r:${r.id}`), data: { run: r } })),
    ];
    const edges: Edge[] = chain.edges.map((e, i) => ({
      id: `${i}`, source: e.from, target: e.to, style: EDGE_STYLE[e.kind],
      ariaLabel: `${e.from} ${e.kind} ${e.to}`,
    }));
    return { nodes, edges };
  }, [chain]);
  return (
    <div className={styles.chainCanvas} data-testid="causal-chain">
      <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView fitViewOptions={fitViewOptions} minZoom={0.1}
        nodesDraggable={false} nodesConnectable={false} edgesFocusable={false} proOptions={proOptions}
        onNodeClick={(_e, node) => router.push(node.type === 'run'
          ? `/workflows/${(node as RunNode).data.run.workflowId}/runs/${(node as RunNode).data.run.id}`
          : `/events/${(node as EventNode).data.event.seq}`)}>
        <Background gap={20} size={1.2} color="#c9ccd1" />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </div>
  );
}

export function ChainGraph({ chain }: { chain: CausalChain }) {
  return <ReactFlowProvider><ChainGraphView chain={chain} /></ReactFlowProvider>;
}
