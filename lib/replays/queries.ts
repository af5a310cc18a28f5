import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, replays, runs, type ReplayKind, type ReplayStatus, type RunStatus } from '@/db/schema';
import { ApiError, notFound } from '@/lib/http/errors';
import { decodeTextCursor, encodeCursor } from '@/lib/http/cursor';
import { presentReplay, runCounts, shadowCounts, type ReplayView } from './present';
import type { ReplayRow } from './store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function present(db: Db, rows: ReplayRow[]): Promise<ReplayView[]> {
  const ids = rows.map((r) => r.id);
  const [counts, shadows] = await Promise.all([runCounts(db, ids), shadowCounts(db, ids.filter((_, i) => rows[i].kind === 'shadow'))]);
  return rows.map((r) => presentReplay(r, counts.get(r.id)!, shadows.get(r.id)));
}

export async function findReplay(db: Db, id: string): Promise<ReplayRow> {
  if (!UUID.test(id)) throw notFound('replay');
  const [row] = await db.select().from(replays).where(eq(replays.id, id));
  if (!row) throw notFound('replay');
  return row;
}

export async function getReplay(db: Db, id: string): Promise<ReplayView> {
  return (await present(db, [await findReplay(db, id)]))[0];
}

export interface ReplayFilters {
  kind?: ReplayKind;
  status?: ReplayStatus;
  limit: number;
  cursor?: string;
}

/** Newest first; the cursor is the last item's (createdAt, id). */
export async function listReplays(db: Db, f: ReplayFilters) {
  const where: (SQL | undefined)[] = [f.kind ? eq(replays.kind, f.kind) : undefined, f.status ? eq(replays.status, f.status) : undefined];
  const cursor = decodeTextCursor(f.cursor);
  if (cursor) {
    const [at, id] = cursor.split('|');
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !UUID.test(id ?? '')) throw new ApiError('invalid_query', 'cursor is not valid');
    where.push(or(lt(replays.createdAt, date), and(eq(replays.createdAt, date), lt(replays.id, id))));
  }
  const rows = await db.select().from(replays).where(and(...where)).orderBy(desc(replays.createdAt), desc(replays.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: await present(db, page), nextCursor: rows.length > f.limit ? encodeCursor(`${last.createdAt.toISOString()}|${last.id}`) : null };
}

/** The runs a replay started, each with its event and the original run it replays (if any). */
export async function listReplayRuns(db: Db, replayId: string, f: { status?: RunStatus; limit: number; cursor?: string }) {
  await findReplay(db, replayId);
  const where: (SQL | undefined)[] = [eq(runs.replayId, replayId), f.status ? eq(runs.status, f.status) : undefined];
  const cursor = decodeTextCursor(f.cursor);
  if (cursor) {
    const [at, id] = cursor.split('|');
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !UUID.test(id ?? '')) throw new ApiError('invalid_query', 'cursor is not valid');
    where.push(or(lt(runs.createdAt, date), and(eq(runs.createdAt, date), lt(runs.id, id))));
  }
  const rows = await db.select({ run: runs, eventId: events.id, eventSource: events.source, eventType: events.type, eventReceivedAt: events.receivedAt })
    .from(runs).leftJoin(events, eq(events.seq, runs.eventSeq))
    .where(and(...where)).orderBy(desc(runs.createdAt), desc(runs.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1]?.run;
  return {
    items: page.map(({ run, ...e }) => ({
      id: run.id, workflowId: run.workflowId, version: run.version, status: run.status,
      originalRunId: run.replayOf && run.replayOf !== run.replayId ? run.replayOf : null,
      event: { seq: run.eventSeq, id: e.eventId, source: e.eventSource, type: e.eventType, receivedAt: e.eventReceivedAt?.toISOString() ?? null },
      createdAt: run.createdAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > f.limit ? encodeCursor(`${last!.createdAt.toISOString()}|${last!.id}`) : null,
  };
}

export type ReplayRunsPage = Awaited<ReturnType<typeof listReplayRuns>>;
