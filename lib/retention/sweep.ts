import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { retentionPolicies } from '@/db/schema';
import type { Logger } from '@/lib/logger';

export interface SweepOptions {
  batchSize?: number;
  /** Batches per policy per sweep, so one sweep never holds the database for long. */
  maxBatches?: number;
  logger?: Logger;
}

export interface SweepReport {
  deleted: number;
  byType: Record<string, number>;
}

/**
 * Removes events older than their type's retention, in batches. An event matched by several
 * policies is kept as long as the longest says (null = forever). Never removed: events not yet
 * routed; the trigger events of runs that are open or failed (a failed run can be retried); events
 * that open runs' waits received; events a running or paused replay has still to walk.
 */
export async function sweepRetention(db: Db, opts: SweepOptions = {}): Promise<SweepReport> {
  const batchSize = opts.batchSize ?? 1_000;
  const maxBatches = opts.maxBatches ?? 50;
  const policies = await db.select().from(retentionPolicies).where(sql`${retentionPolicies.keepSeconds} is not null`);
  const report: SweepReport = { deleted: 0, byType: {} };
  for (const p of policies) {
    let removed = 0;
    for (let i = 0; i < maxBatches; i++) {
      const result = await db.execute(sql`
        delete from events where seq in (
          select e.seq from events e
          where e.type ~ ${p.typeRegex}
            and e.received_at < now() - make_interval(secs => ${p.keepSeconds})
            and e.routed_at is not null
            and not exists (select 1 from retention_policies q
              where e.type ~ q.type_regex and (q.keep_seconds is null or q.keep_seconds > ${p.keepSeconds}))
            and not exists (select 1 from runs r
              where r.event_seq = e.seq and r.status in ('queued', 'running', 'waiting', 'failed'))
            and not exists (select 1 from waits w join runs r on r.id = w.run_id
              where w.event_seq = e.seq and r.status in ('queued', 'running', 'waiting', 'failed'))
            and not exists (select 1 from replays p
              where p.status in ('running', 'paused') and e.seq > p.cursor_seq and e.seq <= p.max_seq)
          order by e.seq limit ${batchSize}
        )`);
      const n = result.rowCount ?? 0;
      removed += n;
      if (n < batchSize) break;
    }
    if (removed > 0) {
      report.byType[p.typePattern] = removed;
      report.deleted += removed;
      opts.logger?.info({ type: p.typePattern, removed }, 'retention removed events');
    }
  }
  return report;
}
