import type { WorkflowDocument } from '@/lib/engine/graph';
import { activateWorkflow, createWorkflow } from '@/lib/workflows/service';
import { createScheduleSync } from '@/lib/workflows/schedules';
import type { Stack } from './stack';

/** The id of the i-th action node (1-based) of a benchmark chain. */
export const chainStepId = (i: number) => `s${i}`;

/** trigger.event(eventType) -> s1 -> s2 -> ... -> sN, each a no-op `transform`. */
export function chainWorkflow(name: string, eventType: string, steps: number): WorkflowDocument {
  const nodes: WorkflowDocument['nodes'] = [
    { id: 'start', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType } },
  ];
  const edges: WorkflowDocument['edges'] = [];
  for (let i = 1; i <= steps; i++) {
    nodes.push({ id: chainStepId(i), type: 'transform', position: { x: 200 * i, y: 0 }, config: { expression: 'event.data.n' } });
    edges.push({ id: `e${i}`, source: i === 1 ? 'start' : chainStepId(i - 1), target: chainStepId(i) });
  }
  return { name, nodes, edges };
}

/** Creates and activates a workflow through the same services the API uses; returns its id. */
export async function deployWorkflow(stack: Stack, doc: WorkflowDocument): Promise<string> {
  const created = await createWorkflow(stack.database.db, doc);
  await activateWorkflow(stack.database.db, createScheduleSync(stack.queues), created.id);
  return created.id;
}

/** trigger.event(eventType) -> s1 -> ... -> sN, each an `http` POST of the event's data to `url`. */
export function httpChainWorkflow(name: string, eventType: string, url: string, steps = 1): WorkflowDocument {
  const nodes: WorkflowDocument['nodes'] = [
    { id: 'start', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType } },
  ];
  const edges: WorkflowDocument['edges'] = [];
  for (let i = 1; i <= steps; i++) {
    nodes.push({ id: chainStepId(i), type: 'http', position: { x: 200 * i, y: 0 }, config: { method: 'POST', url, body: '{{ event.data }}' } });
    edges.push({ id: `e${i}`, source: i === 1 ? 'start' : chainStepId(i - 1), target: chainStepId(i) });
  }
  return { name, nodes, edges };
}
