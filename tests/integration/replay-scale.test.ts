/**
 * A replay of 10,000 events while live events keep arriving: every event gets its run, and live
 * runs stay fast because the replay keeps at most a window of its runs in flight. Prints the
 * figures (replay throughput, live latency before and during) for the README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow, sendEvent, transformWorkflow } from './api-helpers';
import { iso, query, settled, startReplay, waitForReplay } from './replay-helpers';

const EVENTS = 10_000;
let ctx: TestContext;
let from: Date;
let to: Date;

beforeAll(async () => {
  ctx = await createTestContext();
  from = new Date(Date.now() - 1000);
  await ctx.services.database.pool.query(`
    insert into events (id, source, type, data, routed_at)
    select 'item-' || i, '/load', 'load.item', jsonb_build_object('n', i), clock_timestamp() from generate_series(1, ${EVENTS}) i`);
  to = new Date(Date.now() + 1000);
  await createActiveWorkflow(transformWorkflow('Item', 'load.item', '{ "n": event.data.n }'));
  await createActiveWorkflow(transformWorkflow('Ping', 'live.ping', '{ "pong": event.data.n }'));
  await ctx.startWorker();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

/** Milliseconds from a live event's arrival to the end of its run. */
async function liveLatencies(ids: string[]): Promise<number[]> {
  await settled(ctx, 'the live runs');
  const rows = await query(ctx, `
    select extract(epoch from (r.finished_at - e.received_at)) * 1000 as ms
    from events e join runs r on r.event_seq = e.seq and r.replay_of is null where e.id = any($1)`, [ids]);
  expect(rows).toHaveLength(ids.length);
  return rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function pings(prefix: string, count: number, until?: () => boolean): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count && (until ? !until() : true); i++) {
    ids.push((await sendEvent({ type: 'live.ping', source: '/live', id: `${prefix}-${i}`, data: { n: i } })).id);
    await new Promise((r) => setTimeout(r, 50)); // a steady trickle of live traffic, not a wait for a condition
  }
  return ids;
}

describe(`a replay of ${EVENTS.toLocaleString('en')} events`, () => {
  it('starts one run per event in batches, and live runs keep their latency', async () => {
    const baseline = await liveLatencies(await pings('before', 40));

    const started = Date.now();
    const replay = await startReplay({ from: iso(from), to: iso(to), type: 'load.item', version: 'latest' });
    let done = false;
    const during = pings('during', 10_000, () => done);
    const finished = await waitForReplay(replay.id, (r) => r.status === 'completed', 300_000);
    done = true;
    const replayMs = Date.now() - started;
    const duringLatencies = await liveLatencies(await during);

    expect(finished.progress).toMatchObject({ events: { done: EVENTS, total: EVENTS }, runs: { started: EVENTS, succeeded: EVENTS } });
    const [dupes] = await query(ctx, 'select count(*)::int as n from (select event_seq from runs where replay_id = $1 group by 1 having count(*) > 1) d', [replay.id]);
    expect(dupes.n).toBe(0);
    const figures = {
      replay: { events: EVENTS, seconds: +(replayMs / 1000).toFixed(1), runsPerSecond: Math.round(EVENTS / (replayMs / 1000)) },
      liveLatencyMs: {
        before: { n: baseline.length, p50: Math.round(pct(baseline, 50)), p99: Math.round(pct(baseline, 99)) },
        during: { n: duringLatencies.length, p50: Math.round(pct(duringLatencies, 50)), p99: Math.round(pct(duringLatencies, 99)) },
      },
    };
    process.stdout.write(`replay-scale: ${JSON.stringify(figures)}\n`);
    // live traffic is not starved: its median stays well under a second while the replay runs
    expect(figures.liveLatencyMs.during.p50).toBeLessThan(1000);
    await waitFor(async () => (await query(ctx, `select count(*)::int as n from runs where status not in ('succeeded')`))[0].n === 0, { what: 'every run to succeed' });
  }, 400_000);
});
