/**
 * What an expression of a node would see at run time, built from the sample (the latest
 * matching event and the latest run's step outputs): for previews and completion.
 */
import { triggerFilterScope } from '@/lib/engine/nodes';
import type { WorkflowEdge } from '@/lib/engine/graph';

export interface Sample {
  event: Record<string, unknown> | null;
  triggerNodeId: string | null;
  steps: Record<string, unknown>;
  runId: string | null;
}

export const EMPTY_SAMPLE: Sample = { event: null, triggerNodeId: null, steps: {}, runId: null };

/** Ids of the nodes that run before `nodeId` (those with a path of edges to it). */
export function upstreamOf(nodeId: string, edges: ReadonlyArray<Pick<WorkflowEdge, 'source' | 'target'>>): string[] {
  const into = new Map<string, string[]>();
  for (const e of edges) into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
  const seen = new Set<string>();
  const stack = [...(into.get(nodeId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || id === nodeId) continue;
    seen.add(id);
    stack.push(...(into.get(id) ?? []));
  }
  return [...seen];
}

export interface ScopeInput {
  nodeType: string;
  sample: Sample;
  /** For `wait_for_event`: the latest event of the type it waits for. */
  candidate?: Record<string, unknown> | null;
  upstream: string[];
  workflowId: string;
}

export function previewScope({ nodeType, sample, candidate, upstream, workflowId }: ScopeInput): Record<string, unknown> {
  const event = sample.event ?? { type: '', data: {} };
  const steps: Record<string, unknown> = {};
  for (const id of upstream) steps[id] = sample.steps[id];
  if (nodeType === 'trigger.event') return triggerFilterScope(event) as Record<string, unknown>;
  if (nodeType === 'wait_for_event') return { event: candidate ?? null, trigger: event, steps };
  return { event, steps, run: { id: sample.runId ?? 'preview', workflowId, version: 0 } };
}
