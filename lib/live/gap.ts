import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { RunStatus, StepStatus } from '@/db/schema';
import { typePatternToPostgresRegex } from '@/lib/engine/type-pattern';
import { emitterOf } from './changes';
import type { LiveCursor } from './cursor';
import type { LiveFilter } from './filter';
import type { EventAppended, LiveMessage, RunUpdated, StepUpdated } from './types';

/**
 * Changes are published after their commit, and commits of different processes may finish out of
 * order by a little: a resume looks this far back before the cursor's time (a message seen twice is
 * harmless: every message carries the state, not a delta).
 */
export const RESUME_MARGIN_MS = 3_000;

const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());
const and = (parts: SQL[]) => (parts.length === 0 ? sql`true` : sql.join(parts, sql` and `));

async function missedEvents(db: Db, f: LiveFilter, c: LiveCursor, since: Date, limit: number): Promise<EventAppended[]> {
  const where: SQL[] = [sql`(e.seq > ${c.seq} or e.received_at > ${since.toISOString()}::timestamptz)`];
  if (f.eventType) where.push(sql`e.type ~ ${typePatternToPostgresRegex(f.eventType)}`);
  if (f.source !== undefined) where.push(sql`e.source = ${f.source}`);
  if (f.subject !== undefined) where.push(sql`e.subject = ${f.subject}`);
  if (f.correlationId !== undefined) where.push(sql`e.correlation_id = ${f.correlationId}`);
  if (f.workflowId) where.push(sql`(e.source = ${`/workflows/${f.workflowId}`} or exists (select 1 from runs r where r.event_seq = e.seq and r.workflow_id = ${f.workflowId}))`);
  if (f.runId) where.push(sql`(e.id like ${`${f.runId}:%`} or exists (select 1 from runs r where r.event_seq = e.seq and r.id = ${f.runId}))`);
  const rows = await db.execute<{
    seq: string; id: string; source: string; type: string; subject: string | null; correlation_id: string | null;
    causation_id: string | null; received_at: Date; runs: { id: string; workflowId: string }[];
  }>(sql`
    select e.seq, e.id, e.source, e.type, e.subject, e.correlation_id, e.causation_id, e.received_at,
      coalesce((select json_agg(json_build_object('id', r.id, 'workflowId', r.workflow_id)) from runs r
        where r.event_seq = e.seq and r.replay_of is null), '[]'::json) as runs
    from events e where ${and(where)} order by e.seq limit ${limit}`);
  return rows.rows.map((r) => {
    const event = {
      seq: Number(r.seq), id: r.id, source: r.source, type: r.type, receivedAt: iso(r.received_at)!,
      ...(r.subject !== null && { subject: r.subject }),
      ...(r.correlation_id !== null && { correlationid: r.correlation_id }),
      ...(r.causation_id !== null && { causationid: r.causation_id }),
    };
    const emittedBy = emitterOf(event);
    return { type: 'event.appended', at: event.receivedAt, event, runs: r.runs, ...(emittedBy && { emittedBy }) };
  });
}

async function missedRuns(db: Db, f: LiveFilter, since: Date, limit: number): Promise<RunUpdated[]> {
  const where: SQL[] = [sql`r.updated_at > ${since.toISOString()}::timestamptz`];
  if (f.workflowId) where.push(sql`r.workflow_id = ${f.workflowId}`);
  if (f.runId) where.push(sql`r.id = ${f.runId}`);
  const rows = await db.execute<{
    id: string; workflow_id: string; status: RunStatus; version: number; event_seq: string; error: unknown;
    created_at: Date; started_at: Date | null; finished_at: Date | null; updated_at: Date;
  }>(sql`
    select r.id, r.workflow_id, r.status, r.version, r.event_seq, r.error, r.created_at, r.started_at, r.finished_at, r.updated_at
    from runs r where ${and(where)} order by r.updated_at limit ${limit}`);
  return rows.rows.map((r) => ({
    type: 'run.updated', at: iso(r.updated_at)!, runId: r.id, workflowId: r.workflow_id, status: r.status, version: r.version,
    eventSeq: Number(r.event_seq), createdAt: iso(r.created_at)!, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at),
    ...(r.error != null && { error: r.error }),
  }));
}

async function missedSteps(db: Db, f: LiveFilter, since: Date, limit: number): Promise<StepUpdated[]> {
  const at = since.toISOString();
  // steps of runs that were open after `since` (a run's row changes whenever it ends)
  const where: SQL[] = [sql`s.updated_at > ${at}::timestamptz`, sql`(r.status in ('queued', 'running', 'waiting') or r.updated_at > ${at}::timestamptz)`];
  if (f.workflowId) where.push(sql`r.workflow_id = ${f.workflowId}`);
  if (f.runId) where.push(sql`r.id = ${f.runId}`);
  const rows = await db.execute<{
    run_id: string; workflow_id: string; node_id: string; status: StepStatus; attempt: number; handle: string | null;
    error: unknown; due_at: Date | null; started_at: Date | null; finished_at: Date | null; updated_at: Date;
  }>(sql`
    select s.run_id, r.workflow_id, s.node_id, s.status, s.attempt, s.handle, s.error, s.due_at, s.started_at, s.finished_at, s.updated_at
    from runs r join steps s on s.run_id = r.id where ${and(where)} order by s.updated_at limit ${limit}`);
  return rows.rows.map((s) => ({
    type: 'step.updated', at: iso(s.updated_at)!, runId: s.run_id, workflowId: s.workflow_id, nodeId: s.node_id, status: s.status,
    attempt: s.attempt, handle: s.handle, startedAt: iso(s.started_at), finishedAt: iso(s.finished_at), dueAt: iso(s.due_at),
    ...(s.error != null && { error: s.error }),
  }));
}

export interface Gap {
  messages: LiveMessage[];
  /** More changed than one resume sends: the client should reload what it shows. */
  overflow: boolean;
}

/** What a client that last saw `cursor` missed, oldest first, read from PostgreSQL. */
export async function missedSince(db: Db, f: LiveFilter, cursor: LiveCursor, limit = 2_000): Promise<Gap> {
  const since = new Date(cursor.ms - RESUME_MARGIN_MS);
  const wants = (t: LiveMessage['type']) => !f.type || f.type.includes(t);
  const [events, runs, steps] = await Promise.all([
    wants('event.appended') ? missedEvents(db, f, cursor, since, limit + 1) : [],
    wants('run.updated') ? missedRuns(db, f, since, limit + 1) : [],
    wants('step.updated') ? missedSteps(db, f, since, limit + 1) : [],
  ]);
  const overflow = events.length > limit || runs.length > limit || steps.length > limit;
  const messages = [...events.slice(0, limit), ...steps.slice(0, limit), ...runs.slice(0, limit)]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { messages, overflow };
}

/** The newest position of the log, where a fresh stream starts. */
export async function logHead(db: Db): Promise<number> {
  const rows = await db.execute<{ seq: string | null }>(sql`select max(seq) as seq from events`);
  return Number(rows.rows[0]?.seq ?? 0);
}
