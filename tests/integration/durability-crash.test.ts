import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { spawnWorker, type WorkerProcess } from '../setup/worker-process';
import { createActiveWorkflow as activate } from './api-helpers';

/**
 * SPEC §3 and §7 under SIGKILL: 500 events, two workflows each, and the worker process is killed
 * twice while it is busy. Every acknowledged event must be routed, to each workflow exactly once,
 * and every run must end (none stuck), with steps re-run at most where a crash interrupted them.
 */

const EVENTS = 500;
const WORKFLOWS = 2;
const RUNS = EVENTS * WORKFLOWS;
const BATCH = 50;
const pos = { x: 0, y: 0 };

let ctx: TestContext;
const spawned: WorkerProcess[] = [];

async function query<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await ctx.services.database.pool.query(text, values)).rows as T[];
}


/** Sends events [from, to) in concurrent batched-mode requests. */
async function sendEvents(from: number, to: number) {
  const requests = [];
  for (let start = from; start < to; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(to, start + BATCH); i++) {
      batch.push({ specversion: '1.0', id: `load-${i}`, source: '/load', type: i % 2 ? 'load.odd' : 'load.even', data: { i } });
    }
    requests.push(callApi('POST', '/api/events', {
      raw: JSON.stringify(batch), headers: { 'content-type': 'application/cloudevents-batch+json' },
    }));
  }
  for (const res of await Promise.all(requests)) {
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.every((r: { duplicate: boolean }) => !r.duplicate)).toBe(true);
  }
}

interface Snapshot { runs: number; terminal: number; succeeded: number; runningSteps: number; openSteps: number; unrouted: number }

async function snapshot(): Promise<Snapshot> {
  const [r] = await query(`
    select (select count(*) from runs)::int as runs,
      (select count(*) from runs where status in ('succeeded', 'failed', 'cancelled'))::int as terminal,
      (select count(*) from runs where status = 'succeeded')::int as succeeded,
      (select count(*) from steps where status = 'running')::int as "runningSteps",
      (select count(*) from steps where status in ('pending', 'running', 'waiting'))::int as "openSteps",
      (select count(*) from events where routed_at is null)::int as unrouted`);
  return r as Snapshot;
}

async function start(): Promise<WorkerProcess> {
  const worker = spawnWorker(ctx.env, { WORKER_CONCURRENCY: '20' });
  spawned.push(worker);
  await worker.ready;
  return worker;
}

beforeAll(async () => {
  ctx = await createTestContext({ WORKER_CONCURRENCY: '20' });
  await activate({
    name: 'Load: two transforms',
    nodes: [
      { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'load.*' } },
      { id: 't1', type: 'transform', position: pos, config: { expression: 'event.data.i + 1' } },
      { id: 't2', type: 'transform', position: pos, config: { expression: 'steps.t1 * 2' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 't1' }, { id: 'e2', source: 't1', target: 't2' }],
  });
  await activate({
    name: 'Load: with a delay',
    nodes: [
      { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'load.*' } },
      { id: 't1', type: 'transform', position: pos, config: { expression: 'event.data.i + 1' } },
      { id: 'pause', type: 'delay', position: pos, config: { duration: '200ms' } },
      { id: 't2', type: 'transform', position: pos, config: { expression: 'steps.t1 * 3' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 't1' },
      { id: 'e2', source: 't1', target: 'pause' },
      { id: 'e3', source: 'pause', target: 't2' },
    ],
  });
});

afterAll(async () => {
  await Promise.all(spawned.map((w) => w.kill('SIGKILL')));
  await ctx?.close();
});

describe('SIGKILL of the worker process under load', () => {
  it('routes every event to each workflow exactly once and ends every run', async () => {
    const t0 = Date.now();
    const log = (msg: string, extra: object = {}) => console.log(`[crash +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`, JSON.stringify(extra));

    // Phase 1: half the events, a worker, killed once some runs have ended.
    const first = await start();
    await sendEvents(0, EVENTS / 2);
    log('sent the first half', await snapshot());
    await waitFor(async () => (await snapshot()).terminal >= 50, { timeoutMs: 30_000, intervalMs: 10, what: 'some runs to end' });
    await first.kill('SIGKILL');
    const atKill1 = await snapshot();
    log('SIGKILL 1', atKill1);
    expect(atKill1.terminal, 'the first kill came too late to interrupt anything').toBeLessThan(RUNS / 2);

    // Phase 2: the other half arrives while no worker runs; a new worker is killed midway.
    await sendEvents(EVENTS / 2, EVENTS);
    log('sent the second half with no worker running', await snapshot());
    const second = await start();
    await waitFor(async () => (await snapshot()).terminal >= atKill1.terminal + 300, { timeoutMs: 60_000, intervalMs: 10, what: 'more runs to end' });
    await second.kill('SIGKILL');
    const atKill2 = await snapshot();
    log('SIGKILL 2', atKill2);
    expect(atKill2.terminal, 'the second kill came too late to interrupt anything').toBeLessThan(RUNS);

    // Phase 3: a last worker finishes (stalled jobs come back after the lock expires; lost ones by the reconciler).
    const restartAt = Date.now();
    const last = await start();
    let lastReport = 0;
    await waitFor(async () => {
      const s = await snapshot();
      if (Date.now() - lastReport > 5_000) { lastReport = Date.now(); log('recovering', s); }
      return s.runs === RUNS && s.terminal === RUNS && s.openSteps === 0;
    }, { timeoutMs: 90_000, intervalMs: 100, what: `all ${RUNS} runs to end` }).catch(async (err) => {
      log('stuck', { ...(await snapshot()), output: last.output().slice(-3000) });
      throw err;
    });
    const recoveryMs = Date.now() - restartAt;
    log('all runs ended', { recoveryAfterLastStartMs: recoveryMs, totalMs: Date.now() - t0 });

    // Every acknowledged event was routed, to each workflow exactly once.
    expect((await query(`select count(*)::int as n from events where source = '/load'`))[0].n).toBe(EVENTS);
    expect((await query(`select count(*)::int as n from events where routed_at is null`))[0].n).toBe(0);
    expect((await query(`select count(*)::int as n from runs`))[0].n).toBe(RUNS);
    expect(await query(`select event_seq, workflow_id, count(*)::int from runs group by 1, 2 having count(*) > 1`)).toEqual([]);
    expect(await query(`
      select e.id, count(r.id)::int as runs from events e left join runs r on r.event_seq = e.seq
      where e.source = '/load' group by e.id having count(r.id) <> ${WORKFLOWS}`)).toEqual([]);

    // Every run succeeded, with every step finished and the right result.
    expect(await query(`select status, count(*)::int as n from runs group by status`)).toEqual([{ status: 'succeeded', n: RUNS }]);
    expect((await query(`select count(*)::int as n from steps where status in ('pending', 'running', 'waiting')`))[0].n).toBe(0);
    expect((await query(`select count(*)::int as n from steps where status <> 'succeeded'`))[0].n).toBe(0);
    expect((await query(`select count(*)::int as n from steps`))[0].n).toBe(EVENTS * 3 + EVENTS * 4);
    const wrong = await query(`
      select r.id, w.name, s.output, e.data from runs r
      join workflows w on w.id = r.workflow_id
      join events e on e.seq = r.event_seq
      join steps s on s.run_id = r.id and s.node_id = 't2'
      where (s.output)::numeric <> ((e.data->>'i')::int + 1) * (case when w.name like '%delay%' then 3 else 2 end)`);
    expect(wrong).toEqual([]);

    // At-least-once: how many steps ran more than once because a crash interrupted them.
    const attempts = await query(`select attempt, count(*)::int as n from steps where node_id <> 'start' group by attempt order by attempt`);
    log('step attempts (attempt: steps)', Object.fromEntries(attempts.map((a) => [a.attempt, a.n])));

    // The last worker stops gracefully on SIGTERM.
    const exit = await last.kill('SIGTERM');
    expect(exit, last.output().slice(-2000)).toEqual({ code: 0, signal: null });
  }, 180_000);
});
