import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { workflowVersions } from '@/db/schema';
import type { WorkflowDocument, WorkflowNode } from '@/lib/engine/graph';

export interface LoadedVersion {
  id: string;
  workflowId: string;
  version: number;
  document: WorkflowDocument;
  nodes: Map<string, WorkflowNode>;
  /** How many edges lead into each node (joins have more than one). */
  incoming: Map<string, number>;
}

const cache = new Map<string, LoadedVersion>();
const MAX_CACHED = 2000;

/** Versions are immutable, so each process keeps the ones it has used. */
export async function loadVersion(db: Db, versionId: string): Promise<LoadedVersion> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const [row] = await db.select().from(workflowVersions).where(eq(workflowVersions.id, versionId));
  if (!row) throw new Error(`workflow version ${versionId} does not exist`);
  const document = row.document as WorkflowDocument;
  const incoming = new Map<string, number>();
  for (const edge of document.edges) incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  const loaded = { id: row.id, workflowId: row.workflowId, version: row.version, document, nodes: new Map(document.nodes.map((n) => [n.id, n])), incoming };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(versionId, loaded);
  return loaded;
}
