import { and, asc, eq, gt, isNull, sql, type AnyColumn } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, steps, waits } from '@/db/schema';
import { typePatternToPostgresRegex } from '@/lib/engine/type-pattern';
import { evaluateExpression } from '@/lib/engine/expressions';
import { toLoggedEvent } from '@/lib/events/serialize';
import type { LoggedEvent } from '@/lib/events/types';
import type { Producer } from '@/lib/jobs/queues';
import type { Logger } from '@/lib/logger';
import { eventBySeq } from '@/lib/events/query';
import { stepOutputs } from './run-state';
import { dispatchSteps, type StepDispatch } from './step-jobs';
import { runs } from '@/db/schema';
import type { Tx } from './advance';

type WaitRow = typeof waits.$inferSelect;

/** What matching an event against an open wait needs of it. */
export type WaitCandidate = Pick<WaitRow, 'id' | 'runId' | 'nodeId' | 'match'>;

/**
 * The open waits an event (the row of `events` in the query) may satisfy, as a JSON column of the
 * query that locks the events for routing: it saves the routing transaction a round trip.
 */
export const openWaitsFor = (event: { type: AnyColumn; seq: AnyColumn }) => sql<WaitCandidate[] | null>`(
  select json_agg(json_build_object('id', w.id, 'runId', w.run_id, 'nodeId', w.node_id, 'match', w.match) order by w.id)
  from waits w where w.status = 'waiting' and ${event.type} ~ w.type_regex and w.after_seq < ${event.seq})`;

export interface WaitDeps {
  db: Db;
  producer: Producer;
  logger: Logger;
}

const SCAN_PAGE = 500;

export async function registerWait(tx: Tx, input: {
  runId: string; nodeId: string; eventType: string; match?: string; afterSeq: number; timeoutAt: Date | null;
}): Promise<void> {
  const values = {
    runId: input.runId, nodeId: input.nodeId, eventType: input.eventType, typeRegex: typePatternToPostgresRegex(input.eventType),
    match: input.match ?? null, afterSeq: input.afterSeq, timeoutAt: input.timeoutAt, status: 'waiting' as const, eventSeq: null, scannedAt: null,
  };
  await tx.insert(waits).values(values).onConflictDoUpdate({ target: [waits.runId, waits.nodeId], set: values });
}

type MatchScope = { trigger: LoggedEvent | undefined; steps: Record<string, unknown> } | null;

/** What a wait's `match` sees besides the candidate: the run's trigger event and step outputs. */
async function matchScope(deps: WaitDeps, wait: Pick<WaitRow, 'runId'>): Promise<MatchScope> {
  const [run] = await deps.db.select({ eventSeq: runs.eventSeq }).from(runs).where(eq(runs.id, wait.runId));
  if (!run) return null;
  // one after the other: inside the routing transaction both go over the same connection
  const trigger = await eventBySeq(deps.db, run.eventSeq);
  const stepRows = await deps.db.select().from(steps).where(eq(steps.runId, wait.runId));
  return { trigger, steps: stepOutputs(stepRows) };
}

async function waitMatches(deps: WaitDeps, wait: WaitCandidate, scope: MatchScope, candidate: LoggedEvent): Promise<boolean> {
  if (!wait.match) return true;
  if (!scope) return false;
  const result = await evaluateExpression(wait.match, { event: candidate, ...scope });
  if (!result.ok) deps.logger.warn({ runId: wait.runId, nodeId: wait.nodeId, error: result.error }, 'wait_for_event match failed');
  return result.ok && Boolean(result.value);
}

/**
 * First claim wins: a wait is resolved by exactly one event. Hands back the job that resumes its
 * step, to dispatch once this commits.
 */
async function resolveWait(deps: WaitDeps, wait: WaitCandidate, seq: number): Promise<StepDispatch | undefined> {
  const [won] = await deps.db.update(waits).set({ status: 'received', eventSeq: seq })
    .where(and(eq(waits.id, wait.id), eq(waits.status, 'waiting'))).returning({ id: waits.id });
  if (!won) return undefined;
  const [step] = await deps.db.select({ attempt: steps.attempt }).from(steps)
    .where(and(eq(steps.runId, wait.runId), eq(steps.nodeId, wait.nodeId)));
  return { runId: wait.runId, nodeId: wait.nodeId, status: 'waiting', attempt: step?.attempt ?? 0, resumed: true };
}

/**
 * Called inside the routing transaction of a batch of events, with each event's open waits (see
 * openWaitsFor): resolves every open wait they satisfy, each by the first of them (in log order)
 * that matches it. Hands back the jobs that resume the waiting steps, to dispatch after the commit
 * (a job dispatched before it could find the wait still open and do nothing).
 */
export async function matchWaitsForEvents(deps: WaitDeps, batch: { event: LoggedEvent; waits: WaitCandidate[] }[]): Promise<StepDispatch[]> {
  const resumed = new Map<WaitRow['id'], StepDispatch>();
  const scopes = new Map<WaitRow['id'], MatchScope>();
  for (const { event, waits: candidates } of batch) {
    for (const wait of candidates) {
      if (resumed.has(wait.id)) continue;
      if (wait.match && !scopes.has(wait.id)) scopes.set(wait.id, await matchScope(deps, wait));
      if (!await waitMatches(deps, wait, scopes.get(wait.id) ?? null, event)) continue;
      const resume = await resolveWait(deps, wait, event.seq);
      if (resume) resumed.set(wait.id, resume);
    }
  }
  return [...resumed.values()];
}

/**
 * Called right after a wait is registered: an event logged after the trigger but routed before the
 * registration committed is found here, so no matching event slips between the two.
 */
export async function scanLogForWait(deps: WaitDeps, runId: string, nodeId: string): Promise<void> {
  const [wait] = await deps.db.select().from(waits).where(and(eq(waits.runId, runId), eq(waits.nodeId, nodeId)));
  if (!wait || wait.status !== 'waiting') return;
  const seq = await firstMatchInLog(deps, wait);
  const resume = seq === undefined ? undefined : await resolveWait(deps, wait, seq);
  if (resume) await dispatchSteps(deps.producer, [resume]);
  await deps.db.update(waits).set({ scannedAt: sql`clock_timestamp()` }).where(eq(waits.id, wait.id));
}

async function firstMatchInLog(deps: WaitDeps, wait: WaitRow): Promise<number | undefined> {
  const scope = wait.match ? await matchScope(deps, wait) : null;
  for (let after = wait.afterSeq; ;) {
    const page = await deps.db.select().from(events)
      // events emitted by replays (lib/replays/marks.ts) never satisfy a wait
      .where(and(gt(events.seq, after), sql`${events.type} ~ ${wait.typeRegex}`, sql`${events.extensions}->>'replayid' is null`))
      .orderBy(asc(events.seq)).limit(SCAN_PAGE);
    for (const row of page) {
      if (await waitMatches(deps, wait, scope, toLoggedEvent(row))) return row.seq;
    }
    if (page.length < SCAN_PAGE) return undefined;
    after = page[page.length - 1].seq;
  }
}

/** Waits whose registration committed but whose log scan a crash cut short. */
export async function unscannedWaits(db: Db, graceSeconds: number, limit: number) {
  return db.select({ runId: waits.runId, nodeId: waits.nodeId }).from(waits)
    .where(and(eq(waits.status, 'waiting'), isNull(waits.scannedAt), sql`${waits.createdAt} < now() - make_interval(secs => ${graceSeconds})`))
    .limit(limit);
}
