/**
 * The causal chain of an event: its saga from the root event (its correlation id), every event of
 * that saga, the runs they started, the runs whose emit steps logged them and the waits they ended.
 * Emitted events carry the root as correlation id, so one indexed query finds the whole saga.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, runs, waits, workflows, type RunStatus } from '@/db/schema';
import { emitterOf, eventSummary } from '@/lib/live/changes';
import type { LiveEventSummary } from '@/lib/live/types';
import { toLoggedEvent } from './serialize';

export interface ChainRun { id: string; workflowId: string; workflowName: string; status: RunStatus; eventSeq: number; createdAt: string }
export type ChainEdgeKind = 'started' | 'emitted' | 'resumed' | 'caused';
export interface ChainEdge { from: string; to: string; kind: ChainEdgeKind }

export interface CausalChain {
  focus: number;
  rootId: string;
  events: LiveEventSummary[];
  runs: ChainRun[];
  /** Between node keys `e:{seq}` and `r:{runId}`. */
  edges: ChainEdge[];
  truncated: boolean;
}

const LIMIT = 500;
export const eventKey = (seq: number) => `e:${seq}`;
export const runKey = (id: string) => `r:${id}`;

export async function causalChain(db: Db, seq: number): Promise<CausalChain | undefined> {
  const [row] = await db.select().from(events).where(eq(events.seq, seq));
  if (!row) return undefined;
  const rootId = row.correlationId ?? row.id;
  const rows = await db.select().from(events)
    .where(or(eq(events.correlationId, rootId), and(eq(events.id, rootId), isNull(events.correlationId)), eq(events.seq, seq)))
    .orderBy(events.seq).limit(LIMIT + 1);
  const truncated = rows.length > LIMIT;
  const list = rows.slice(0, LIMIT).map((r) => eventSummary(toLoggedEvent(r)));
  const seqs = list.map((e) => e.seq);

  const [runRows, waitRows] = await Promise.all([
    db.select({ id: runs.id, workflowId: runs.workflowId, workflowName: workflows.name, status: runs.status, eventSeq: runs.eventSeq, createdAt: runs.createdAt })
      .from(runs).innerJoin(workflows, eq(workflows.id, runs.workflowId)).where(inArray(runs.eventSeq, seqs)).orderBy(runs.createdAt).limit(LIMIT),
    db.select({ runId: waits.runId, eventSeq: waits.eventSeq }).from(waits)
      .where(and(inArray(waits.eventSeq, seqs), eq(waits.status, 'received'))),
  ]);
  const chainRuns = runRows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  const runIds = new Set(chainRuns.map((r) => r.id));
  const edges: ChainEdge[] = chainRuns.map((r) => ({ from: eventKey(r.eventSeq), to: runKey(r.id), kind: 'started' }));
  const byId = new Map(list.map((e) => [`${e.source}\u0000${e.id}`, e]));
  const idOnly = new Map(list.map((e) => [e.id, e]));
  for (const e of list) {
    const emitter = emitterOf(e);
    if (emitter && runIds.has(emitter.runId)) edges.push({ from: runKey(emitter.runId), to: eventKey(e.seq), kind: 'emitted' });
    else if (e.causationid) {
      const cause = idOnly.get(e.causationid) ?? byId.get(`${e.source}\u0000${e.causationid}`);
      if (cause) edges.push({ from: eventKey(cause.seq), to: eventKey(e.seq), kind: 'caused' });
    }
  }
  for (const w of waitRows) {
    if (w.eventSeq !== null && runIds.has(w.runId)) edges.push({ from: eventKey(w.eventSeq), to: runKey(w.runId), kind: 'resumed' });
  }
  return { focus: seq, rootId, events: list, runs: chainRuns, edges, truncated };
}

