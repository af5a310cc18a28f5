import { sql } from 'drizzle-orm';
import { events } from '@/db/schema';
import { eventBySeq } from '@/lib/events/query';
import { dispatchReplaySteps } from './dispatch';
import { startReplayRuns } from './start-runs';
import { loadReplay, type ReplayDeps } from './store';
import { replayTargets } from './targets';

/**
 * Routing of an event emitted by a replayed run (see lib/runs/route-event.ts): it starts no live
 * run and resolves no wait. Only when its replay asked to cascade (and is still going) does it
 * start runs, of that same replay, in the replay's workflows, at the versions the replay's rule
 * picks (`pinned`: those live at the original event's time, carried as `replayasof`).
 */
export function replayEventRouter(deps: ReplayDeps) {
  return async (replayId: string, seq: number): Promise<void> => {
    const replay = await loadReplay(deps.db, replayId);
    const event = replay?.cascade && (replay.status === 'running' || replay.status === 'paused') ? await eventBySeq(deps.db, seq) : undefined;
    const rule = { version: replay?.version === 'latest' ? 'latest' as const : 'pinned' as const, workflowIds: replay?.workflowIds ?? null };
    const targets = event ? await replayTargets(deps.db, rule, [event]) : [];
    const started = await deps.db.transaction(async (tx) => {
      const [unrouted] = await tx.update(events).set({ routedAt: sql`clock_timestamp()` })
        .where(sql`${events.seq} = ${seq} and ${events.routedAt} is null`).returning({ seq: events.seq });
      return unrouted ? startReplayRuns(tx, replayId, targets) : null;
    });
    if (started) await dispatchReplaySteps(deps.queues, started.dispatch);
  };
}
