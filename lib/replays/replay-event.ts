import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runs } from '@/db/schema';
import { replayIdOf } from './marks';

const EMITTED_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):[A-Za-z_][A-Za-z0-9_]*$/i;
const EMITTED_SOURCE = /^\/workflows\/([0-9a-f-]{36})$/i;

/**
 * The replay an event was emitted by, or undefined for any other event. Only an `emit` step of a
 * replayed run counts (id `<runId>:<nodeId>`, source `/workflows/<id>`, and that run belongs to the
 * replay): an event sent from outside with a `replayid` attribute is an ordinary event.
 */
export async function replayOfEvent(db: Db, row: { id: string; source: string; extensions: Record<string, unknown> | null }): Promise<string | undefined> {
  const replayId = replayIdOf(row.extensions);
  if (!replayId) return undefined;
  const runId = row.id.match(EMITTED_ID)?.[1];
  const workflowId = row.source.match(EMITTED_SOURCE)?.[1];
  if (!runId || !workflowId || !EMITTED_ID.test(`${replayId}:x`)) return undefined;
  const [run] = await db.select({ id: runs.id }).from(runs)
    .where(and(eq(runs.id, runId), eq(runs.replayId, replayId), eq(runs.workflowId, workflowId)));
  return run ? replayId : undefined;
}
