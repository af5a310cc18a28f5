import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activations, workflows, workflowVersions } from '@/db/schema';
import { workflowDocumentSchema, type WorkflowDocument } from '@/lib/engine/graph';
import { validateWorkflow } from '@/lib/engine/validate';
import { ApiError, notFound } from '@/lib/http/errors';

type WorkflowRow = typeof workflows.$inferSelect;

/** Starts and stops the BullMQ schedulers behind `trigger.schedule` nodes. */
export interface ScheduleSync {
  sync(workflowId: string, document: WorkflowDocument | null): Promise<void>;
}

export function parseDocument(body: unknown): WorkflowDocument {
  const result = workflowDocumentSchema.safeParse(body);
  if (!result.success) {
    const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiError('invalid_document', `the workflow document is not valid: ${details.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`, details);
  }
  return result.data;
}

async function activeVersionNumber(db: Db, row: WorkflowRow): Promise<number | null> {
  if (!row.activeVersionId) return null;
  const [v] = await db.select({ version: workflowVersions.version }).from(workflowVersions).where(eq(workflowVersions.id, row.activeVersionId));
  return v?.version ?? null;
}

function present(row: WorkflowRow, activeVersion: number | null) {
  const doc = row.document as WorkflowDocument;
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? undefined,
    nodes: doc.nodes,
    edges: doc.edges,
    active: row.activeVersionId !== null,
    activeVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type WorkflowView = ReturnType<typeof present>;

async function load(db: Db, id: string): Promise<WorkflowRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('workflow');
  const [row] = await db.select().from(workflows).where(and(eq(workflows.id, id), isNull(workflows.deletedAt)));
  if (!row) throw notFound('workflow');
  return row;
}

export async function createWorkflow(db: Db, body: unknown): Promise<WorkflowView> {
  const doc = parseDocument(body);
  const [row] = await db.insert(workflows).values({ name: doc.name, description: doc.description, document: doc }).returning();
  return present(row, null);
}

export async function listWorkflows(db: Db): Promise<WorkflowView[]> {
  const rows = await db.select({ w: workflows, version: workflowVersions.version })
    .from(workflows)
    .leftJoin(workflowVersions, eq(workflowVersions.id, workflows.activeVersionId))
    .where(isNull(workflows.deletedAt))
    .orderBy(workflows.name);
  return rows.map((r) => present(r.w, r.version ?? null));
}

export async function getWorkflow(db: Db, id: string): Promise<WorkflowView> {
  const row = await load(db, id);
  return present(row, await activeVersionNumber(db, row));
}

/** The graph of the live version (what events and manual starts run), or null when inactive. */
export async function liveDocument(db: Db, id: string): Promise<WorkflowDocument | null> {
  const row = await load(db, id);
  if (!row.activeVersionId) return null;
  const [v] = await db.select({ document: workflowVersions.document }).from(workflowVersions).where(eq(workflowVersions.id, row.activeVersionId));
  return v ? (v.document as WorkflowDocument) : null;
}

export async function updateWorkflow(db: Db, id: string, body: unknown): Promise<WorkflowView> {
  const doc = parseDocument(body);
  await load(db, id);
  const [row] = await db.update(workflows)
    .set({ name: doc.name, description: doc.description ?? null, document: doc, updatedAt: sql`now()` })
    .where(eq(workflows.id, id)).returning();
  return present(row, await activeVersionNumber(db, row));
}

export async function deleteWorkflow(db: Db, schedules: ScheduleSync, id: string): Promise<void> {
  await load(db, id);
  await db.transaction(async (tx) => {
    await tx.update(workflows).set({ deletedAt: sql`now()`, activeVersionId: null }).where(eq(workflows.id, id));
    await tx.insert(activations).values({ workflowId: id, versionId: null });
  });
  await schedules.sync(id, null);
}

/** Publishes the draft as a new immutable version and makes it live; 422 lists every problem. */
export async function activateWorkflow(db: Db, schedules: ScheduleSync, id: string) {
  const row = await load(db, id);
  const doc = row.document as WorkflowDocument;
  const problems = validateWorkflow(doc);
  if (problems.length > 0) {
    throw new ApiError('invalid_workflow', `the workflow has ${problems.length} problem(s) and cannot be activated`, { problems });
  }
  const version = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from workflows where id = ${id} for update`);
    const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${workflowVersions.version}), 0) + 1` })
      .from(workflowVersions).where(eq(workflowVersions.workflowId, id));
    const [created] = await tx.insert(workflowVersions).values({ workflowId: id, version: Number(next), document: doc }).returning();
    await tx.update(workflows).set({ activeVersionId: created.id, updatedAt: sql`now()` }).where(eq(workflows.id, id));
    await tx.insert(activations).values({ workflowId: id, versionId: created.id });
    return created;
  });
  await schedules.sync(id, doc);
  return { ...(await getWorkflow(db, id)), activeVersion: version.version };
}

export async function deactivateWorkflow(db: Db, schedules: ScheduleSync, id: string) {
  const row = await load(db, id);
  if (row.activeVersionId) {
    await db.transaction(async (tx) => {
      await tx.update(workflows).set({ activeVersionId: null, updatedAt: sql`now()` }).where(eq(workflows.id, id));
      await tx.insert(activations).values({ workflowId: id, versionId: null });
    });
  }
  await schedules.sync(id, null);
  return getWorkflow(db, id);
}

export async function listVersions(db: Db, id: string) {
  const row = await load(db, id);
  const rows = await db.select().from(workflowVersions).where(eq(workflowVersions.workflowId, id)).orderBy(desc(workflowVersions.version));
  return rows.map((v) => ({
    id: v.id,
    version: v.version,
    active: v.id === row.activeVersionId,
    createdAt: v.createdAt.toISOString(),
    document: v.document as WorkflowDocument,
  }));
}
