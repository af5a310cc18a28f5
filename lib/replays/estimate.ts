import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, runs } from '@/db/schema';
import { toLoggedEvent } from '@/lib/events/serialize';
import { firedTrigger } from '@/lib/runs/route-event';
import { loadVersion, type LoadedVersion } from '@/lib/runs/versions';
import { rangeFilter, type EventRange } from './range';
import { draftVersion } from '@/lib/shadow/draft-version';
import type { ScopedWorkflow } from './scope';
import { triggerCandidates } from './trigger-sql';

export interface ReplayEstimate {
  /** Events in the range that the replay walks. */
  events: number;
  /** Runs it will start (exact unless `approximate`). */
  runs: number;
  approximate: boolean;
  workflows: { id: string; name: string; runs: number; approximate: boolean }[];
}

/** Trigger filters are evaluated on at most this many candidates per workflow; beyond, the count is extrapolated. */
const FILTER_SAMPLE = 5_000;

const count = (rows: { rows: { n: number }[] }) => Number(rows.rows[0]?.n ?? 0);

/**
 * How many events and runs a replay would cause, answered before it starts. `pinned` replays each
 * original run again, so it counts them; `latest` and `draft` count the events each workflow's
 * triggers match (filters evaluated, on a sample when there are very many candidates).
 */
export async function estimateReplay(db: Db, range: EventRange, maxSeq: number, version: 'pinned' | 'latest' | 'draft', scoped: ScopedWorkflow[]): Promise<ReplayEstimate> {
  const inRange = sql`${events.seq} <= ${maxSeq} and ${rangeFilter(range)}`;
  const eventCount = count(await db.execute<{ n: number }>(sql`select count(*)::int as n from ${events} where ${inRange}`));
  const workflows: ReplayEstimate['workflows'] = [];
  if (version === 'pinned') {
    const ids = scoped.map((w) => w.id);
    const rows = ids.length === 0 ? [] : await db.select({ workflowId: runs.workflowId, n: sql<number>`count(*)::int` })
      .from(runs).innerJoin(events, eq(events.seq, runs.eventSeq))
      .where(and(isNull(runs.replayOf), inArray(runs.workflowId, ids), inRange))
      .groupBy(runs.workflowId);
    const byId = new Map(rows.map((r) => [r.workflowId, Number(r.n)]));
    for (const w of scoped) if (byId.get(w.id)) workflows.push({ id: w.id, name: w.name, runs: byId.get(w.id)!, approximate: false });
  } else {
    for (const w of scoped) {
      const target = version === 'draft' ? draftVersion(w.id, w.draft) : w.activeVersionId ? await loadVersion(db, w.activeVersionId) : undefined;
      if (!target) continue;
      const counted = await countMatches(db, inRange, target);
      if (counted.runs > 0) workflows.push({ id: w.id, name: w.name, ...counted });
    }
  }
  return {
    events: eventCount,
    runs: workflows.reduce((sum, w) => sum + w.runs, 0),
    approximate: workflows.some((w) => w.approximate),
    workflows,
  };
}

async function countMatches(db: Db, inRange: SQL, version: LoadedVersion): Promise<{ runs: number; approximate: boolean }> {
  const candidates = triggerCandidates(version.workflowId, version.document);
  if (!candidates) return { runs: 0, approximate: false };
  const where = sql`${inRange} and ${candidates.where}`;
  const total = count(await db.execute<{ n: number }>(sql`select count(*)::int as n from ${events} where ${where}`));
  if (!candidates.filtered || total === 0) return { runs: total, approximate: false };
  const sample = await db.select().from(events).where(where).orderBy(asc(events.seq)).limit(FILTER_SAMPLE);
  let matched = 0;
  for (const row of sample) if (await firedTrigger(version, toLoggedEvent(row))) matched++;
  if (sample.length === total) return { runs: matched, approximate: false };
  return { runs: Math.round((matched / sample.length) * total), approximate: true };
}
