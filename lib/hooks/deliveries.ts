import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, hookDeliveries, runs, workflows } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { notFound } from '@/lib/http/errors';

/** Deliveries kept per endpoint; older ones are dropped as new ones arrive. */
export const DELIVERIES_KEPT = 500;
const PRUNE_EVERY = 20;

export type VerificationOutcome = 'verified' | 'failed' | 'skipped' | 'unchecked' | 'resent';

export type DeliveryRow = typeof hookDeliveries.$inferSelect;
export type NewDelivery = typeof hookDeliveries.$inferInsert & { verification: VerificationOutcome };

// PostgreSQL text cannot hold NUL; the log shows it as U+FFFD.
const withoutNul = (s: string) => s.replaceAll('\u0000', '\uFFFD');

export async function recordDelivery(db: Db, delivery: NewDelivery): Promise<number> {
  const [row] = await db.insert(hookDeliveries).values({
    ...delivery,
    body: delivery.body == null ? null : withoutNul(delivery.body),
    headers: delivery.headers.map(([k, v]) => [k, withoutNul(v)] as [string, string]),
  }).returning({ id: hookDeliveries.id });
  // pruning on about one insert in PRUNE_EVERY saves a round trip on the others
  if (row!.id % PRUNE_EVERY === 0) await db.execute(sql`
    delete from hook_deliveries where hook_id = ${delivery.hookId} and id <= (
      select id from hook_deliveries where hook_id = ${delivery.hookId} order by id desc offset ${DELIVERIES_KEPT} limit 1)`);
  return row!.id;
}

const RESENDABLE = new Set(['verified', 'skipped', 'resent']);

/** Why a logged delivery cannot be sent again, or null when it can. */
export function resendBlocker(row: Pick<DeliveryRow, 'verification' | 'body' | 'bodyTruncated'>): string | null {
  if (!RESENDABLE.has(row.verification)) return 'only a delivery that passed its check can be sent again';
  if (row.body === null || row.bodyTruncated) return 'the body of this delivery was not kept in full';
  return null;
}

function present(row: DeliveryRow, runsOf: Map<number, RunSummary[]>, types: Map<number, string>) {
  return {
    id: row.id,
    hookId: row.hookId,
    receivedAt: row.receivedAt.toISOString(),
    status: row.status,
    verification: row.verification as VerificationOutcome,
    verificationDetail: row.verificationDetail,
    dedupe: row.dedupe as 'new' | 'duplicate' | null,
    eventId: row.eventId,
    eventSeq: row.eventSeq,
    eventType: row.eventSeq === null ? null : types.get(row.eventSeq) ?? null,
    error: row.error,
    headers: row.headers,
    body: row.body,
    bodyBytes: row.bodyBytes,
    bodyTruncated: row.bodyTruncated,
    resentFrom: row.resentFrom,
    durationMs: row.durationMs,
    runs: row.eventSeq === null ? [] : runsOf.get(row.eventSeq) ?? [],
    resendable: resendBlocker(row) === null,
  };
}

export type DeliveryView = ReturnType<typeof present>;

export interface RunSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  status: string;
}

/** The type of each event, and the runs each started (not replays) with their workflow's name. */
async function eventsBySeq(db: Db, seqs: number[]): Promise<[Map<number, RunSummary[]>, Map<number, string>]> {
  const out = new Map<number, RunSummary[]>();
  if (seqs.length === 0) return [out, new Map()];
  const types = await db.select({ seq: events.seq, type: events.type }).from(events).where(inArray(events.seq, [...new Set(seqs)]));
  const rows = await db.select({ seq: runs.eventSeq, id: runs.id, workflowId: runs.workflowId, workflowName: workflows.name, status: runs.status })
    .from(runs).innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(and(inArray(runs.eventSeq, [...new Set(seqs)]), sql`${runs.replayOf} is null`))
    .orderBy(runs.createdAt);
  for (const { seq, ...run } of rows) out.set(seq, [...(out.get(seq) ?? []), run]);
  return [out, new Map(types.map((t) => [t.seq, t.type]))];
}

/** Newest first. */
export async function listDeliveries(db: Db, hookId: string, page: { limit: number; cursor?: string }) {
  const before = decodeCursor(page.cursor);
  const rows = await db.select().from(hookDeliveries)
    .where(and(eq(hookDeliveries.hookId, hookId), before === undefined ? undefined : lt(hookDeliveries.id, before)))
    .orderBy(desc(hookDeliveries.id)).limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const [runsOf, types] = await eventsBySeq(db, items.flatMap((r) => (r.eventSeq === null ? [] : [r.eventSeq])));
  return {
    items: items.map((r) => present(r, runsOf, types)),
    nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1]!.id) : null,
  };
}

export async function loadDelivery(db: Db, hookId: string, id: string | number): Promise<DeliveryRow> {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw notFound('delivery');
  const [row] = await db.select().from(hookDeliveries).where(and(eq(hookDeliveries.hookId, hookId), eq(hookDeliveries.id, n)));
  if (!row) throw notFound('delivery');
  return row;
}

/** One delivery with the event it logged (or matched as a duplicate) and that event's runs. */
export async function getDelivery(db: Db, hookId: string, id: string | number) {
  const row = await loadDelivery(db, hookId, id);
  const [runsOf, types] = await eventsBySeq(db, row.eventSeq === null ? [] : [row.eventSeq]);
  const [event] = row.eventSeq === null ? [] : await db.select({ seq: events.seq, id: events.id, source: events.source, type: events.type })
    .from(events).where(eq(events.seq, row.eventSeq));
  return { ...present(row, runsOf, types), event: event ?? null };
}

/** The latest delivery of each endpoint, for the endpoints list. */
export async function latestDeliveries(db: Db): Promise<Map<string, { status: number; receivedAt: string; count: number }>> {
  const { rows } = await db.execute<{ hook_id: string; status: number; received_at: Date | string; count: number }>(sql`
    select distinct on (hook_id) hook_id, status, received_at, count(*) over (partition by hook_id)::int as count
    from hook_deliveries order by hook_id, id desc`);
  return new Map(rows.map((r) => [r.hook_id, { status: r.status, receivedAt: new Date(r.received_at).toISOString(), count: r.count }]));
}
