import type { Db } from '@/db/client';
import { isTriggerNode, triggerMatches } from '@/lib/engine/nodes';
import { isValidTypePattern } from '@/lib/engine/type-pattern';
import { listEvents } from '@/lib/events/query';
import type { LoggedEvent } from '@/lib/events/types';
import { ApiError } from '@/lib/http/errors';
import { getRun, listRuns } from '@/lib/runs/service';
import { manualSource, scheduleSource } from '@/lib/runs/route-event';
import { getWorkflow } from './service';

/** How many recent events of a trigger's type are tried against its filter. */
const FILTER_SCAN = 200;

export interface WorkflowSample {
  /** The latest logged event that the draft's triggers would start a run for (or of `type`). */
  event: LoggedEvent | null;
  triggerNodeId: string | null;
  /** Outputs of the succeeded steps of the workflow's latest run, by node id. */
  steps: Record<string, unknown>;
  runId: string | null;
}

async function latestFor(db: Db, workflowId: string, node: { id: string; type: string; config: Record<string, unknown> }) {
  if (node.type === 'trigger.manual') return (await listEvents(db, { source: manualSource(workflowId), limit: 1 })).items[0];
  if (node.type === 'trigger.schedule') return (await listEvents(db, { source: scheduleSource(workflowId, node.id), limit: 1 })).items[0];
  const pattern = node.config.eventType;
  if (node.type !== 'trigger.event' || !isValidTypePattern(pattern)) return undefined;
  const { items } = await listEvents(db, { type: pattern, limit: FILTER_SCAN });
  for (const event of items) if (await triggerMatches(node, event, { timeoutMs: 50 })) return event;
  return undefined;
}

/** What the editor previews expressions against and prefills test events with. */
export async function workflowSample(db: Db, workflowId: string, opts: { type?: string } = {}): Promise<WorkflowSample> {
  const workflow = await getWorkflow(db, workflowId);
  let event: LoggedEvent | undefined;
  let triggerNodeId: string | null = null;
  if (opts.type !== undefined) {
    if (!isValidTypePattern(opts.type)) throw new ApiError('invalid_query', 'type: not an event type pattern');
    event = (await listEvents(db, { type: opts.type, limit: 1 })).items[0];
  } else {
    for (const node of workflow.nodes.filter(isTriggerNode)) {
      const found = await latestFor(db, workflowId, node);
      if (found && (!event || found.seq > event.seq)) {
        event = found;
        triggerNodeId = node.id;
      }
    }
  }
  const steps: Record<string, unknown> = {};
  const [latest] = (await listRuns(db, { workflowId, limit: 1 })).items;
  if (latest) {
    for (const step of (await getRun(db, latest.id)).steps) {
      if (step.status === 'succeeded' && step.output !== null) steps[step.nodeId] = step.output;
    }
  }
  return { event: event ?? null, triggerNodeId, steps, runId: latest?.id ?? null };
}
