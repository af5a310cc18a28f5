/**
 * Big graphs open fast by drawing only the nodes in view. React Flow draws every node once to
 * measure it unless it already has a size and handle positions, so a big graph's nodes start
 * with estimates; each node drawn is then measured for real (its estimate is deliberately off
 * by half a pixel, which makes React Flow measure it) and the estimate is dropped.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import { DEFAULT_HANDLE } from '@/lib/engine/graph';
import { isTriggerNode, outputHandles } from '@/lib/engine/nodes';
import type { StepNode } from './to-graph';

/** From this many nodes on, the canvas draws only what is in view. */
export const LARGE_GRAPH = 150;

// the card's layout in step-node.module.css
const WIDTH = 220;
const BODY = 76;
const OUTPUT_ROW = 22;
const OUTPUTS_PADDING = 7;
const HANDLE = 11;

export function estimatedSize(node: Pick<StepNode, 'data'>): { width: number; height: number; outputs: string[] } {
  const outputs = outputHandles(node.data);
  const single = outputs.length === 1 && outputs[0] === DEFAULT_HANDLE;
  const height = BODY + (single || outputs.length === 0 ? 0 : OUTPUTS_PADDING + OUTPUT_ROW * outputs.length);
  return { width: WIDTH, height, outputs };
}

export function premeasured(node: StepNode): StepNode {
  const { width, height, outputs } = estimatedSize(node);
  const single = outputs.length === 1 && outputs[0] === DEFAULT_HANDLE;
  const handles: NodeHandle[] = outputs.map((id, i) => ({
    id,
    type: 'source',
    position: Position.Right,
    x: WIDTH - HANDLE / 2,
    y: (single ? height / 2 : BODY + OUTPUTS_PADDING / 2 + OUTPUT_ROW * i + OUTPUT_ROW / 2) - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  }));
  if (!isTriggerNode(node.data)) {
    handles.push({ id: 'in', type: 'target', position: Position.Left, x: -HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
  }
  return { ...node, measured: { width, height: height + 0.5 }, handles };
}

/** The nodes of a big graph with estimated sizes; a small graph's as they are. */
export function withEstimates(nodes: StepNode[]): StepNode[] {
  return nodes.length > LARGE_GRAPH ? nodes.map(premeasured) : nodes;
}

/** Drops the estimate of the nodes React Flow has now measured. */
export function dropEstimates(nodes: StepNode[], measuredIds: ReadonlySet<string>): StepNode[] {
  if (measuredIds.size === 0) return nodes;
  return nodes.map((n) => {
    if (!n.handles || !measuredIds.has(n.id)) return n;
    const { handles: _estimate, ...rest } = n;
    return rest;
  });
}
