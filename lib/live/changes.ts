/**
 * Builds the live messages of a run's changes where they commit (lib/runs), to be published after
 * the commit. Pure: no Redis, no database.
 */
import type { RunStatus, StepStatus } from '@/db/schema';
import type { LoggedEvent } from '@/lib/events/types';
import type { EventAppended, LiveMessage, RunUpdated, StepUpdated } from './types';

type StepFields = Omit<StepUpdated, 'type' | 'at' | 'runId' | 'workflowId' | 'nodeId'>;
type RunFields = Omit<RunUpdated, 'type' | 'at' | 'runId' | 'workflowId' | 'status'>;

const now = () => new Date().toISOString();

/**
 * The changes one transaction makes to a run. `list()` is empty until `confirm()`: code that only
 * reaches the run's planning (advanceLocked) once its own update won confirms it there.
 */
export class RunChanges {
  private stepMessages: StepUpdated[] = [];
  private runMessage: RunUpdated | undefined;
  private confirmed = false;

  constructor(readonly runId: string, readonly workflowId: string) {}

  confirm(): this {
    this.confirmed = true;
    return this;
  }

  step(nodeId: string, fields: StepFields): this {
    this.stepMessages.push({ type: 'step.updated', at: now(), runId: this.runId, workflowId: this.workflowId, nodeId, ...fields });
    return this;
  }

  /** Steps the planner created: ready ones pending, the others skipped. */
  created(ready: readonly string[], skipped: readonly string[]): this {
    for (const nodeId of ready) this.step(nodeId, { status: 'pending', attempt: 0 });
    const at = now();
    for (const nodeId of skipped) this.step(nodeId, { status: 'skipped', attempt: 0, finishedAt: at });
    return this;
  }

  run(status: RunStatus, fields: RunFields = {}): this {
    const ended = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    this.runMessage = {
      type: 'run.updated', at: now(), runId: this.runId, workflowId: this.workflowId, status,
      ...(ended && { finishedAt: now() }), ...fields,
    };
    return this;
  }

  /** Step changes first, then the run's status, as they happened. */
  list(): LiveMessage[] {
    if (!this.confirmed) return [];
    return this.runMessage ? [...this.stepMessages, this.runMessage] : this.stepMessages;
  }
}

const iso = (d: Date | string | null | undefined) => (d == null ? null : typeof d === 'string' ? d : d.toISOString());

/** A step was claimed to run: it is running, and so is its run. */
export function claimedMessages(run: { id: string; workflowId: string; status: RunStatus }, nodeId: string, attempt: number, startedAt: Date | null): LiveMessage[] {
  const changes = new RunChanges(run.id, run.workflowId).confirm()
    .step(nodeId, { status: 'running', attempt, startedAt: iso(startedAt) ?? now(), dueAt: null });
  if (run.status !== 'running') changes.run('running', { startedAt: now() });
  return changes.list();
}

/** How a step ended, as a message. */
export function endedStep(end: { status: 'succeeded' | 'failed'; handle: string | null; error: unknown }): StepFields {
  return { status: end.status, handle: end.handle, finishedAt: now(), dueAt: null, ...(end.error != null && { error: end.error }) };
}

/** A step that suspended: a delay (until `dueAt`) or a wait for an event (until its timeout, if any). */
export function waitingStep(outcome: { kind: 'sleep'; until: Date } | { kind: 'wait'; eventType: string; timeoutAt: Date | null }, attempt: number): StepFields {
  return outcome.kind === 'sleep'
    ? { status: 'waiting', attempt, dueAt: outcome.until.toISOString() }
    : { status: 'waiting', attempt, dueAt: iso(outcome.timeoutAt), waitingFor: outcome.eventType };
}

/** A failed attempt that will be retried at `dueAt`. */
export function retryMessages(run: { id: string; workflowId: string }, nodeId: string, attempt: number, error: unknown, dueAt: Date): LiveMessage[] {
  return new RunChanges(run.id, run.workflowId).confirm().step(nodeId, { status: 'pending', attempt, error, dueAt: dueAt.toISOString() }).list();
}

/** What routing one event started, for the messages published once its transaction committed. */
export interface StartedRun {
  id: string;
  workflowId: string;
  version: number;
  triggerNodeId: string;
  /** Computing steps routing evaluated as it created the run (lib/runs/first-steps.ts). */
  done?: readonly { nodeId: string; handle: string; startedAt: string; finishedAt: string }[];
  ready: readonly string[];
  skipped: readonly string[];
  /** Its first step was claimed as the run was created, so the run starts out running. */
  running?: boolean;
}

/** The emitting run of an event logged by an `emit` step (its id is `runId:nodeId`). */
export function emitterOf(event: Pick<LoggedEvent, 'id' | 'source'>): EventAppended['emittedBy'] {
  const source = event.source.match(/^\/workflows\/([0-9a-f-]{36})$/);
  const id = event.id.match(/^([0-9a-f-]{36}):(.+)$/);
  return source && id ? { runId: id[1], workflowId: source[1], nodeId: id[2] } : undefined;
}

export function eventSummary(event: LoggedEvent): EventAppended['event'] {
  return {
    seq: event.seq, id: event.id, source: event.source, type: event.type, receivedAt: event.receivedAt,
    ...(event.subject !== undefined && { subject: event.subject }),
    ...(event.correlationid !== undefined && { correlationid: event.correlationid }),
    ...(event.causationid !== undefined && { causationid: event.causationid }),
  };
}

/** An event was routed: it appears in the log's tail, and each run it started appears with its first steps. */
export function routedMessages(event: LoggedEvent, started: readonly StartedRun[]): LiveMessage[] {
  const emittedBy = emitterOf(event);
  const appended: EventAppended = {
    type: 'event.appended', at: now(), event: eventSummary(event),
    runs: started.map((r) => ({ id: r.id, workflowId: r.workflowId })), ...(emittedBy && { emittedBy }),
  };
  const messages: LiveMessage[] = [appended];
  for (const r of started) {
    const at = now();
    const changes = new RunChanges(r.id, r.workflowId).confirm()
      .step(r.triggerNodeId, { status: 'succeeded', attempt: 1, handle: 'out', startedAt: event.receivedAt, finishedAt: at });
    for (const d of r.done ?? []) changes.step(d.nodeId, { status: 'succeeded', attempt: 1, handle: d.handle, startedAt: d.startedAt, finishedAt: d.finishedAt });
    changes.created(r.ready, r.skipped)
      .run(r.ready.length === 0 ? 'succeeded' : r.running ? 'running' : 'queued', {
        version: r.version, eventSeq: event.seq, createdAt: at, startedAt: r.ready.length === 0 || r.running ? at : null,
      });
    messages.push(...changes.list());
  }
  return messages;
}

/** A run as `GET /api/runs/{id}` gives it, after a retry or a cancel: its status and the steps in `statuses`. */
export function snapshotMessages(run: {
  id: string; workflowId: string; status: RunStatus; startedAt: string | null; finishedAt: string | null;
  steps: { nodeId: string; status: StepStatus; attempt: number; handle: string | null; error: unknown; startedAt: string | null; finishedAt: string | null; dueAt?: string | null }[];
}, statuses: readonly StepStatus[]): LiveMessage[] {
  const changes = new RunChanges(run.id, run.workflowId).confirm();
  for (const s of run.steps) {
    if (!statuses.includes(s.status)) continue;
    changes.step(s.nodeId, { status: s.status, attempt: s.attempt, handle: s.handle, startedAt: s.startedAt, finishedAt: s.finishedAt, dueAt: s.dueAt ?? null, error: s.error });
  }
  return changes.run(run.status, { startedAt: run.startedAt, finishedAt: run.finishedAt }).list();
}

/** A failed run retried: its failed steps are pending again (keeping their attempts) and it is running. */
export function retriedMessages(run: { id: string; workflowId: string }, steps: readonly { nodeId: string; attempt: number }[]): LiveMessage[] {
  const changes = new RunChanges(run.id, run.workflowId).confirm();
  for (const s of steps) changes.step(s.nodeId, { status: 'pending', attempt: s.attempt, finishedAt: null, dueAt: null });
  return changes.run('running', { finishedAt: null, error: null }).list();
}
