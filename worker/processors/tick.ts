import type { Job } from 'bullmq';
import { appendEvents, type AppendDeps } from '@/lib/events/append';
import { parsePayload } from '@/lib/jobs/catalog';
import { scheduleSource } from '@/lib/runs/route-event';

/** Logs one schedule tick as an event; the scheduler's per-tick job id makes a repeated tick a duplicate. */
export function tickProcessor(deps: AppendDeps) {
  return async (job: Job) => {
    const { workflowId, nodeId } = parsePayload('tick', job.data);
    const scheduledMs = Number(String(job.id).split(':').pop()) || job.timestamp;
    await appendEvents(deps, [{
      id: String(scheduledMs),
      source: scheduleSource(workflowId, nodeId),
      type: 'causeway.schedule.tick',
      data: { workflowId, nodeId, scheduledAt: new Date(scheduledMs).toISOString() },
      datacontenttype: 'application/json',
    }]);
  };
}
