import type { WorkflowDocument } from '@/lib/engine/graph';
import type { LoadedVersion } from '@/lib/runs/versions';

/** A draft dressed as a version, for trigger matching and simulation (never stored as one). Pure. */
export function draftVersion(workflowId: string, document: WorkflowDocument): LoadedVersion {
  const incoming = new Map<string, number>();
  for (const edge of document.edges) incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  return { id: `draft:${workflowId}`, workflowId, version: 0, document, nodes: new Map(document.nodes.map((n) => [n.id, n])), incoming };
}
