import { sql, type SQL } from 'drizzle-orm';
import { events } from '@/db/schema';
import type { WorkflowDocument } from '@/lib/engine/graph';
import { isValidTypePattern, typePatternToPostgresRegex } from '@/lib/engine/type-pattern';
import { manualSource, scheduleSource, testSource } from '@/lib/runs/route-event';

const ADDRESSED = '^/(schedules/[^/]+/[^/]+|workflows/[^/]+/(manual|test))$';

/**
 * The events a workflow's triggers could fire on, as SQL (mirroring routing's firedTrigger):
 * `trigger.event` by type for events addressed to no workflow or sent as its test events,
 * `trigger.manual` and `trigger.schedule` by their sources. `filtered` says a filter must still
 * be evaluated on each candidate. null: no trigger can fire.
 */
export function triggerCandidates(workflowId: string, doc: WorkflowDocument): { where: SQL; filtered: boolean } | null {
  const parts: SQL[] = [];
  let filtered = false;
  for (const node of doc.nodes) {
    const config = (node.config ?? {}) as { eventType?: unknown; filter?: unknown };
    if (node.type === 'trigger.event' && isValidTypePattern(config.eventType)) {
      parts.push(sql`(${events.type} ~ ${typePatternToPostgresRegex(config.eventType)} and (${events.source} !~ ${ADDRESSED} or ${events.source} = ${testSource(workflowId)}))`);
      if (typeof config.filter === 'string' && config.filter.trim() !== '') filtered = true;
    }
    if (node.type === 'trigger.manual') parts.push(sql`${events.source} = ${manualSource(workflowId)}`);
    if (node.type === 'trigger.schedule') parts.push(sql`${events.source} = ${scheduleSource(workflowId, node.id)}`);
  }
  return parts.length === 0 ? null : { where: sql`(${sql.join(parts, sql` or `)})`, filtered };
}
