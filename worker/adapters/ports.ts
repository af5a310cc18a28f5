import type { Ports } from '@/lib/engine/nodes';
import { appendEvents, type AppendDeps } from '@/lib/events/append';
import type { LoggedEvent } from '@/lib/events/types';
import type { RunRow } from '@/lib/runs/run-state';
import { createSafeHttp, parseAllowList } from '@/lib/net/safe-http';

/** Binds the engine's ports to real IO for one step. */
export function createPortsFactory(opts: { append: AppendDeps; httpAllow: string }) {
  const http = createSafeHttp({ allow: parseAllowList(opts.httpAllow), userAgent: 'Causeway/0.1' });
  const clock = { now: () => new Date() };
  return (run: RunRow, trigger: LoggedEvent, nodeId: string): Ports => ({
    clock,
    http,
    async emit(ev) {
      // The id is stable per (run, node): a retried emit step logs a duplicate, not a second event.
      const [result] = await appendEvents(opts.append, [{
        id: `${run.id}:${nodeId}`,
        source: `/workflows/${run.workflowId}`,
        type: ev.type,
        subject: ev.subject,
        data: ev.data,
        datacontenttype: 'application/json',
        correlationid: trigger.correlationid ?? trigger.id,
        causationid: trigger.id,
      }]);
      return { id: result.id, seq: result.seq };
    },
  });
}
