import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { RunStatus } from '@/db/schema';

export interface WorkflowActivity {
  lastRun: { id: string; status: RunStatus; createdAt: string } | null;
  runs24h: number;
}

/** Per workflow: its most recent run and how many runs started in the last 24 hours. */
export async function workflowActivity(db: Db, workflowIds: string[]): Promise<Map<string, WorkflowActivity>> {
  const out = new Map<string, WorkflowActivity>(workflowIds.map((id) => [id, { lastRun: null, runs24h: 0 }]));
  if (workflowIds.length === 0) return out;
  const ids = sql.join(workflowIds.map((id) => sql`${id}::uuid`), sql`, `);
  const [last, counts] = await Promise.all([
    db.execute<{ workflow_id: string; id: string; status: RunStatus; created_at: Date | string }>(sql`
      select distinct on (workflow_id) workflow_id, id, status, created_at from runs
      where workflow_id in (${ids}) order by workflow_id, created_at desc, id desc`),
    db.execute<{ workflow_id: string; n: string | number }>(sql`
      select workflow_id, count(*) as n from runs
      where workflow_id in (${ids}) and created_at > now() - interval '24 hours' group by workflow_id`),
  ]);
  for (const r of last.rows) {
    out.get(r.workflow_id)!.lastRun = { id: r.id, status: r.status, createdAt: new Date(r.created_at).toISOString() };
  }
  for (const r of counts.rows) out.get(r.workflow_id)!.runs24h = Number(r.n);
  return out;
}
