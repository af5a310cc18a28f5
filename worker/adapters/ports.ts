import type { Ports } from '@/lib/engine/nodes';
import { appendEvents, type AppendDeps } from '@/lib/events/append';
import type { LoggedEvent } from '@/lib/events/types';
import type { RunRow } from '@/lib/runs/run-state';
import { createSafeHttp, parseAllowList } from '@/lib/net/safe-http';
import { createSandbox, type SandboxOptions } from '@/lib/sandbox';
import { replayMarks } from '@/lib/replays/marks';

/** Binds the engine's ports to real IO for one step. */
export function createPortsFactory(opts: { append: AppendDeps; httpAllow: string; sandbox?: Omit<SandboxOptions, 'http'> }) {
  const http = createSafeHttp({ allow: parseAllowList(opts.httpAllow), userAgent: 'Causeway/0.1' });
  const clock = { now: () => new Date() };
  // Threads start on the first code step and exit when idle; they never hold the process open.
  const sandbox = createSandbox({ ...opts.sandbox, http });
  // runCode is also handed out alone, for shadow replays (lib/shadow), which run code without a run
  return Object.assign((run: RunRow, trigger: LoggedEvent, nodeId: string): Ports => ({
    clock,
    http,
    runCode: sandbox.runCode,
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
        // a replayed run's events carry its replay (lib/replays/marks.ts), so routing starts nothing from them
        extensions: replayMarks(run, trigger),
      }]);
      return { id: result.id, seq: result.seq };
    },
  }), { runCode: sandbox.runCode });
}
