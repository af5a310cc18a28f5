/** What a code node would see at run time, built from the workflow's sample (as the editor's previews are). */
import { reachableFrom } from '@/lib/engine/graph-algo';
import type { WorkflowEdge } from '@/lib/engine/graph';
import type { WorkflowSample } from '@/lib/workflows/sample';
import type { CodePreviewPayload } from './job';

/** Ids of the nodes with a path of edges to `nodeId`: the steps that have finished when it runs. */
export function upstreamOf(nodeId: string, doc: { nodes: ReadonlyArray<{ id: string }>; edges: ReadonlyArray<WorkflowEdge> }): string[] {
  const reversed = { nodes: doc.nodes, edges: doc.edges.map((e) => ({ ...e, source: e.target, target: e.source })) };
  return [...reachableFrom(reversed, [nodeId])].filter((id) => id !== nodeId);
}

/** `event`: the sample event (an empty one when none is logged); `steps`: the sample's outputs of upstream nodes. */
export function previewScope(sample: WorkflowSample, upstream: string[], workflowId: string, version: number | null): CodePreviewPayload['scope'] {
  const steps: Record<string, unknown> = {};
  for (const id of upstream) if (id in sample.steps) steps[id] = sample.steps[id];
  return {
    event: sample.event ?? { type: '', data: {} },
    steps,
    run: { id: sample.runId ?? 'preview', workflowId, version: version ?? 0 },
  };
}
