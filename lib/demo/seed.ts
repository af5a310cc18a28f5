import { isNull, sql } from 'drizzle-orm';
import { createDatabase } from '@/db/client';
import { workflows } from '@/db/schema';
import { createQueueSet } from '@/lib/jobs/queues';
import { createScheduleSync } from '@/lib/workflows/schedules';
import { activateWorkflow, createWorkflow } from '@/lib/workflows/service';
import { demoWorkflows } from './workflows';

/** Loads and activates the demo workflows into an empty database; false when it was not empty. */
export async function seedDemo(databaseUrl: string, redisUrl: string, queuePrefix: string, mockUrl: string): Promise<boolean> {
  const database = createDatabase(databaseUrl, { max: 2 });
  const queues = createQueueSet(redisUrl, queuePrefix);
  try {
    const [{ count }] = await database.db.select({ count: sql<number>`count(*)::int` }).from(workflows).where(isNull(workflows.deletedAt));
    if (count > 0) return false;
    const schedules = createScheduleSync(queues);
    for (const doc of demoWorkflows(mockUrl)) {
      const created = await createWorkflow(database.db, doc);
      await activateWorkflow(database.db, schedules, created.id);
    }
    return true;
  } finally {
    await queues.close();
    await database.close();
  }
}
