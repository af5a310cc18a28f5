import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { workflows } from '@/db/schema';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { validateWorkflow } from '@/lib/engine/validate';
import { ApiError } from '@/lib/http/errors';
import { loadVersion, type LoadedVersion } from '@/lib/runs/versions';

export interface ScopedWorkflow {
  id: string;
  name: string;
  activeVersionId: string | null;
  draft: WorkflowDocument;
}

/**
 * The workflows a replay may start runs of: the named ones (each must exist: 404 otherwise), or
 * every workflow not deleted. `latest` needs each named one to be live; `draft` needs each draft valid.
 */
export async function scopeWorkflows(db: Db, ids: string[] | undefined, version: 'pinned' | 'latest' | 'draft'): Promise<ScopedWorkflow[]> {
  const rows = await db.select({ id: workflows.id, name: workflows.name, activeVersionId: workflows.activeVersionId, document: workflows.document })
    .from(workflows).where(and(isNull(workflows.deletedAt), ids ? inArray(workflows.id, ids) : undefined)).orderBy(workflows.name);
  const found = rows.map((r) => ({ id: r.id, name: r.name, activeVersionId: r.activeVersionId, draft: r.document as WorkflowDocument }));
  if (!ids) return version === 'latest' ? found.filter((w) => w.activeVersionId) : found;

  const missing = ids.filter((id) => !found.some((w) => w.id === id));
  if (missing.length > 0) throw new ApiError('not_found', `workflow ${missing.join(', ')} not found`, { workflowIds: missing });
  if (version === 'latest') {
    const inactive = found.filter((w) => !w.activeVersionId);
    if (inactive.length > 0) {
      throw new ApiError('bad_request', `${inactive.map((w) => `"${w.name}"`).join(', ')} has no live version: activate it, or replay with version "pinned"`);
    }
  }
  if (version === 'draft') {
    for (const w of found) {
      const problems = validateWorkflow(w.draft);
      if (problems.length > 0) {
        throw new ApiError('invalid_workflow', `the draft of "${w.name}" has ${problems.length} problem(s); fix them before a shadow replay`, { workflowId: w.id, problems });
      }
    }
  }
  return found;
}

/** The versions live now of the workflows in scope (null: all), for `latest`. */
export async function liveVersionsNow(db: Db, ids: string[] | null): Promise<LoadedVersion[]> {
  const rows = await db.select({ versionId: workflows.activeVersionId }).from(workflows)
    .where(and(isNull(workflows.deletedAt), ids ? inArray(workflows.id, ids) : undefined));
  const versionIds = rows.map((r) => r.versionId).filter((v): v is string => v !== null);
  return Promise.all(versionIds.map((id) => loadVersion(db, id)));
}
