import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, shadowResults } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { NodeComparison, Verdict } from './compare';

export type NodeSummary = { workflowId: string; nodeId: string } & Record<Verdict, number>;

/** Per (workflow, node) of a shadow replay: in how many runs it was the same, changed, new or missing. */
export async function shadowSummary(db: Db, replayId: string): Promise<NodeSummary[]> {
  const rows = await db.execute<{ workflow_id: string; node_id: string; verdict: Verdict; n: number }>(sql`
    select r.workflow_id, n->>'nodeId' as node_id, n->>'verdict' as verdict, count(*)::int as n
    from ${shadowResults} r cross join lateral jsonb_array_elements(r.nodes) n
    where r.replay_id = ${replayId}
    group by 1, 2, 3 order by 1, 2`);
  const out = new Map<string, NodeSummary>();
  for (const r of rows.rows) {
    const key = `${r.workflow_id}/${r.node_id}`;
    if (!out.has(key)) out.set(key, { workflowId: r.workflow_id, nodeId: r.node_id, same: 0, changed: 0, new: 0, missing: 0 });
    out.get(key)![r.verdict] = Number(r.n);
  }
  return [...out.values()];
}

/**
 * The compared (event, workflow) pairs of a shadow replay in log order, by default only those
 * with a difference, each with its nodes (those not `same`, unless `all`).
 */
export async function shadowResultsPage(db: Db, replayId: string, f: { all?: boolean; nodeId?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(f.cursor);
  const rows = await db.select({ r: shadowResults, eventId: events.id, eventType: events.type, eventSource: events.source, receivedAt: events.receivedAt })
    .from(shadowResults).leftJoin(events, eq(events.seq, shadowResults.eventSeq))
    .where(and(
      eq(shadowResults.replayId, replayId),
      f.all ? undefined : gt(shadowResults.differences, 0),
      f.nodeId ? sql`exists (select 1 from jsonb_array_elements(${shadowResults.nodes}) n where n->>'nodeId' = ${f.nodeId} and n->>'verdict' <> 'same')` : undefined,
      after === undefined ? undefined : gt(shadowResults.id, after),
    ))
    .orderBy(asc(shadowResults.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return {
    items: page.map(({ r, ...e }) => ({
      event: { seq: r.eventSeq, id: e.eventId, type: e.eventType, source: e.eventSource, receivedAt: e.receivedAt?.toISOString() ?? null },
      workflowId: r.workflowId,
      originalRunId: r.originalRunId,
      differences: r.differences,
      nodes: (r.nodes as NodeComparison[]).filter((n) => f.all || n.verdict !== 'same'),
    })),
    nextCursor: rows.length > f.limit ? encodeCursor(page[page.length - 1].r.id) : null,
  };
}

export type ShadowResultsPage = Awaited<ReturnType<typeof shadowResultsPage>>;
/** The answer of `GET /api/replays/{id}/diff`. */
export type ShadowDiff = ShadowResultsPage & { replayId: string; status: string; nodes: NodeSummary[] };
