import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { activations, replays, runs, workflows } from '@/db/schema';
import { eventBySeq, findEvent } from '@/lib/events/query';
import type { LoggedEvent } from '@/lib/events/types';
import { ApiError, notFound } from '@/lib/http/errors';
import { firedTrigger } from '@/lib/runs/route-event';
import { dispatchReplaySteps } from './dispatch';
import { loadVersion, type LoadedVersion } from '@/lib/runs/versions';
import { getReplay } from './queries';
import { startReplayRuns } from './start-runs';
import { enqueueBatch, type ReplayDeps } from './store';
import type { RunTarget } from './targets';

/** `POST /api/replays/resend`: one logged event to one workflow again, named by a run or by event and workflow. */
export const resendSchema = z.object({
  runId: z.uuid().optional(),
  eventId: z.string().min(1).max(1000).optional(),
  source: z.string().min(1).max(1000).optional(),
  workflowId: z.uuid().optional(),
  version: z.enum(['pinned', 'latest']).default('pinned'),
  cascade: z.boolean().default(false),
}).strict().refine((b) => (b.runId !== undefined) !== (b.eventId !== undefined), 'name either runId, or eventId and workflowId')
  .refine((b) => b.runId !== undefined || b.workflowId !== undefined, { message: 'name the workflow to send the event to', path: ['workflowId'] });

type ResendRequest = z.infer<typeof resendSchema>;
type Original = { id: string; versionId: string; triggerNodeId: string } | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event, the workflow and the original run a re-send is about. */
async function subjectOf(db: Db, req: ResendRequest): Promise<{ event: LoggedEvent; workflowId: string; original: Original }> {
  if (req.runId) {
    const [run] = await db.select().from(runs).where(eq(runs.id, req.runId));
    if (!run) throw notFound('run');
    const event = await eventBySeq(db, run.eventSeq);
    if (!event) throw new ApiError('conflict', 'the event of this run is no longer in the log (retention removed it)');
    if (req.workflowId && req.workflowId !== run.workflowId) throw new ApiError('bad_request', 'workflowId is not the workflow of this run');
    // a replayed run's original is the run it replays, when it has one
    const originalId = run.replayId ? (run.replayOf !== run.replayId ? run.replayOf : null) : run.id;
    const [original] = originalId ? await db.select().from(runs).where(eq(runs.id, originalId)) : [];
    return { event, workflowId: run.workflowId, original };
  }
  const found = await findEvent(db, req.eventId!, req.source);
  if (found.kind === 'missing') throw notFound('event');
  if (found.kind === 'ambiguous') throw new ApiError('ambiguous_id', 'several events have this id; add source to choose one', { sources: found.sources });
  const [original] = await db.select().from(runs)
    .where(and(eq(runs.eventSeq, found.event.seq), eq(runs.workflowId, req.workflowId!), isNull(runs.replayOf)));
  return { event: found.event, workflowId: req.workflowId!, original };
}

/** The version to run: `latest` the live one; `pinned` the original run's, or the one live when the event was logged. */
async function versionFor(db: Db, workflowId: string, event: LoggedEvent, version: 'pinned' | 'latest', original: Original): Promise<LoadedVersion> {
  const [workflow] = await db.select().from(workflows).where(and(eq(workflows.id, workflowId), isNull(workflows.deletedAt)));
  if (!workflow) throw notFound('workflow');
  if (version === 'latest') {
    if (!workflow.activeVersionId) throw new ApiError('bad_request', `"${workflow.name}" has no live version: activate it, or re-send with version "pinned"`);
    return loadVersion(db, workflow.activeVersionId);
  }
  if (original) return loadVersion(db, original.versionId);
  const [live] = await db.select({ versionId: activations.versionId }).from(activations)
    .where(and(eq(activations.workflowId, workflowId), sql`${activations.at} <= ${event.receivedAt}::timestamptz`))
    .orderBy(sql`${activations.at} desc, ${activations.id} desc`).limit(1);
  if (!live?.versionId) throw new ApiError('bad_request', `"${workflow.name}" was not live when the event was logged: re-send with version "latest"`);
  return loadVersion(db, live.versionId);
}

/** Starts one new run of the event in the workflow, as a replay of its own (so its emitted events are marked too). */
export async function resendEvent(deps: ReplayDeps, body: unknown, createdBy: string | null) {
  const req = resendSchema.parse(body);
  if (req.runId && !UUID.test(req.runId)) throw notFound('run');
  const { event, workflowId, original } = await subjectOf(deps.db, req);
  const version = await versionFor(deps.db, workflowId, event, req.version, original);
  const pinnedToOriginal = original && original.versionId === version.id;
  const triggerNodeId = pinnedToOriginal ? original.triggerNodeId : (await firedTrigger(version, event))?.id;
  if (!triggerNodeId) throw new ApiError('bad_request', `the event matches no trigger of version ${version.version} of this workflow`);
  const target: RunTarget = { event, version, triggerNodeId, originalRunId: original?.id ?? null };

  const { replayId, started } = await deps.db.transaction(async (tx) => {
    const at = new Date(event.receivedAt);
    const [row] = await tx.insert(replays).values({
      kind: 'resend', fromAt: at, toAt: at, workflowIds: [workflowId], version: req.version, cascade: req.cascade,
      cursorSeq: event.seq, maxSeq: event.seq, eventsTotal: 1, eventsDone: 1, runsEstimate: 1, createdBy,
      walkedAt: sql`clock_timestamp()`,
    }).returning({ id: replays.id });
    return { replayId: row.id, started: await startReplayRuns(tx, row.id, [target]) };
  });
  await dispatchReplaySteps(deps.queues, started.dispatch);
  // the batch job completes the re-send once its run has ended
  await enqueueBatch(deps.producer, replayId, 0).catch((err) => deps.logger.warn({ err, replayId }, 'resend completion queued later'));
  const run = started.created[0];
  return { replay: await getReplay(deps.db, replayId), run: { id: run.id, workflowId, version: version.version, originalRunId: original?.id ?? null } };
}
