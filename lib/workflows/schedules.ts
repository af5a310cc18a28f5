import { eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { workflows, workflowVersions } from '@/db/schema';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { jobId, type QueueSet } from '@/lib/jobs/queues';
import type { ScheduleSync } from './service';

export const schedulerId = (workflowId: string, nodeId: string) => jobId('schedule', workflowId, nodeId);

/**
 * One BullMQ job scheduler per `trigger.schedule` node: BullMQ produces exactly one job per
 * tick however many workers run, and the tick's event id makes a repeated tick a duplicate.
 */
export function createScheduleSync(queues: QueueSet): ScheduleSync {
  const queue = queues.queue('schedules');
  return {
    async sync(workflowId, document) {
      const wanted = new Map<string, { cron: string; timezone?: string; nodeId: string }>();
      for (const node of document?.nodes ?? []) {
        if (node.type !== 'trigger.schedule') continue;
        const config = node.config as { cron: string; timezone?: string };
        wanted.set(schedulerId(workflowId, node.id), { ...config, nodeId: node.id });
      }
      const existing = await queue.getJobSchedulers(0, -1);
      for (const s of existing) {
        if (s.key.startsWith(schedulerId(workflowId, '')) && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
      }
      for (const [id, s] of wanted) {
        await queue.upsertJobScheduler(id, { pattern: s.cron, tz: s.timezone }, {
          name: 'tick',
          data: { workflowId, nodeId: s.nodeId },
        });
      }
    },
  };
}

/** Re-creates the schedulers of every live workflow, e.g. after Redis lost its data. */
export async function syncAllSchedules(db: Db, queues: QueueSet): Promise<void> {
  const sync = createScheduleSync(queues);
  const rows = await db.select({ id: workflows.id, document: workflowVersions.document })
    .from(workflows).innerJoin(workflowVersions, eq(workflowVersions.id, workflows.activeVersionId))
    .where(isNull(workflows.deletedAt));
  for (const row of rows) await sync.sync(row.id, row.document as WorkflowDocument);
}
