import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { RunStatus, StepStatus } from '@/db/schema';
import type { WorkflowNode } from '@/lib/engine/graph';
import type { LoggedEvent } from '@/lib/events/types';
import type { StartedRun } from '@/lib/live/changes';
import { mentionsSecrets } from '@/lib/secrets/references';
import { firstSteps, type FirstSteps } from './first-steps';
import { createdStepRow, type RunRow, type StepRow } from './run-state';
import type { StepDispatch } from './step-jobs';
import type { LoadedVersion } from './versions';

export type Match = { event: LoggedEvent; version: LoadedVersion; trigger: WorkflowNode };

type Planned = Match & FirstSteps & { runId: string; claim: WorkflowNode | undefined; status: RunStatus };
type RunIn = { id: string; event_seq: number; workflow_id: string; version_id: string; version: number; trigger_node_id: string; status: RunStatus };
type StepIn = {
  run_id: string; node_id: string; status: StepStatus; attempt: number; handle: string | null; input: unknown; output: unknown;
  started_at: string | null; finished_at: string | null;
};
type Created = { runs: string[] | null; steps: { id: number; runId: string; nodeId: string }[] | null };

/**
 * How long routing may spend evaluating one run's computing steps while it holds the batch's events
 * locked; what is left then runs the durable way.
 */
const EVALUATION_BUDGET_PER_RUN_MS = 10;

/**
 * One statement for a routed batch: its runs (a run already routed is left alone by the unique
 * (event, workflow) index), their first steps (the computing ones already evaluated, see
 * ./first-steps.ts), and the events marked routed. The first durable step of up to `claimBudget`
 * runs is created claimed (see claimedRow in ./settle.ts), for this job to run next; a run with
 * nothing left to run is created succeeded. Hands back the runs each event started and their ready
 * first steps, carrying the rows just written.
 */
export async function startRuns(db: Db, matches: Match[], seqs: number[], claimBudget: number): Promise<{ started: Map<number, StartedRun[]>; ready: StepDispatch[] }> {
  const planned: Planned[] = [];
  for (const match of matches) {
    const runId = randomUUID();
    const first = await firstSteps({ ...match, runId }, Date.now() + EVALUATION_BUDGET_PER_RUN_MS);
    const next = first.ready[0] === undefined ? undefined : match.version.nodes.get(first.ready[0]);
    const claim = next && !mentionsSecrets(next.config) && claimBudget-- > 0 ? next : undefined;
    const status: RunStatus = first.ready.length === 0 ? 'succeeded' : claim ? 'running' : 'queued';
    planned.push({ ...match, ...first, runId, claim, status });
  }
  const runsIn: RunIn[] = planned.map(({ runId, event, version, trigger, status }) => ({
    id: runId, event_seq: event.seq, workflow_id: version.workflowId, version_id: version.id, version: version.version, trigger_node_id: trigger.id, status,
  }));
  const stepsIn = new Map(planned.map((p) => [p.runId, stepRowsIn(p)]));

  const result = await db.execute<Created>(sql`
    with new_runs as (
      insert into runs (id, workflow_id, version_id, version, event_seq, trigger_node_id, status, started_at, finished_at)
      select r.id, r.workflow_id, r.version_id, r.version, r.event_seq, r.trigger_node_id, r.status,
        case when r.status <> 'queued' then clock_timestamp() end, case when r.status = 'succeeded' then clock_timestamp() end
      from jsonb_to_recordset(${JSON.stringify(runsIn)}::jsonb)
        as r(id uuid, event_seq bigint, workflow_id uuid, version_id uuid, version int, trigger_node_id text, status text)
      on conflict do nothing
      returning id
    ), new_steps as (
      insert into steps (run_id, node_id, status, attempt, handle, input, output, started_at, finished_at)
      select s.run_id, s.node_id, s.status, s.attempt, s.handle, s.input, s.output,
        case when s.status = 'running' then clock_timestamp() else s.started_at end,
        case when s.status in ('succeeded', 'skipped') then coalesce(s.finished_at, clock_timestamp()) end
      from jsonb_to_recordset(${JSON.stringify([...stepsIn.values()].flat())}::jsonb)
        as s(run_id uuid, node_id text, status text, attempt int, handle text, input jsonb, output jsonb, started_at timestamptz, finished_at timestamptz)
      join new_runs n on n.id = s.run_id
      returning id, run_id, node_id
    ), routed as (
      update events set routed_at = clock_timestamp() where seq = any(${sql.param(seqs)}::bigint[])
    )
    select (select json_agg(id) from new_runs) as runs,
      (select json_agg(json_build_object('id', id, 'runId', run_id, 'nodeId', node_id)) from new_steps) as steps`);

  const created = result.rows[0];
  const createdRuns = new Set(created?.runs ?? []);
  const stepIds = new Map((created?.steps ?? []).map((s) => [`${s.runId}:${s.nodeId}`, s.id]));
  const started = new Map<number, StartedRun[]>();
  const claimed: StepDispatch[] = [];
  const pending: StepDispatch[] = [];
  planned.forEach((p, i) => {
    const { runId } = p;
    if (!createdRuns.has(runId)) return;
    const list = started.get(p.event.seq) ?? [];
    list.push({ id: runId, workflowId: p.version.workflowId, version: p.version.version, triggerNodeId: p.trigger.id, done: p.done, ready: p.ready, skipped: p.skipped, running: p.claim !== undefined });
    started.set(p.event.seq, list);
    if (p.ready.length === 0) return;
    const known = { run: runRow(runsIn[i]), steps: stepsIn.get(runId)!.map((s) => stepRow(stepIds.get(`${runId}:${s.node_id}`)!, s)) };
    for (const nodeId of p.ready) {
      if (nodeId === p.claim?.id) claimed.push({ runId, nodeId, status: 'running', attempt: 1, claimed: true, known });
      else pending.push({ runId, nodeId, status: 'pending', attempt: 0, known });
    }
  });
  return { started, ready: [...claimed, ...pending] };
}

/** The rows of a new run's first steps: its trigger, the steps evaluated, skipped and ready. */
function stepRowsIn({ runId, event, trigger, done, skipped, ready, claim }: Planned): StepIn[] {
  const step = (node_id: string, status: StepStatus, more: Partial<StepIn> = {}): StepIn => ({
    run_id: runId, node_id, status, attempt: 0, handle: null, input: null, output: null, started_at: null, finished_at: null, ...more,
  });
  return [
    step(trigger.id, 'succeeded', { attempt: 1, handle: 'out', output: event, started_at: event.receivedAt }),
    ...done.map((d) => step(d.nodeId, 'succeeded', { attempt: 1, handle: d.handle, input: d.input, output: d.output, started_at: d.startedAt, finished_at: d.finishedAt })),
    ...skipped.map((nodeId) => step(nodeId, 'skipped')),
    ...ready.map((nodeId) => (nodeId === claim?.id ? step(nodeId, 'running', { attempt: 1, input: claim.config ?? {} }) : step(nodeId, 'pending'))),
  ];
}

/** The run row as the statement wrote it (its timestamps are this process's approximation). */
function runRow(r: RunIn): RunRow {
  const now = new Date();
  return {
    id: r.id, workflowId: r.workflow_id, versionId: r.version_id, version: r.version, eventSeq: r.event_seq, triggerNodeId: r.trigger_node_id, status: r.status,
    replayOf: null, replayId: null, error: null, createdAt: now, startedAt: r.status === 'queued' ? null : now, finishedAt: null, updatedAt: now,
  };
}

function stepRow(id: number, s: StepIn): StepRow {
  return { ...createdStepRow(s.run_id, { id, nodeId: s.node_id, status: s.status, attempt: s.attempt, input: s.input }), handle: s.handle, output: s.output,
    ...(s.started_at && { startedAt: new Date(s.started_at) }), ...(s.status === 'succeeded' && { finishedAt: new Date(s.finished_at ?? Date.now()) }) };
}
