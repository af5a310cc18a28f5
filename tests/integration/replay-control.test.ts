import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { HOST_SLACK_MS } from '../setup/timing';
import { waitFor } from '../setup/wait';
import { BATCH_EVENTS, WINDOW_RUNS } from '@/lib/replays/batch';
import { createActiveWorkflow } from './api-helpers';
import { iso, query, startReplay, waitForReplay } from './replay-helpers';

let ctx: TestContext;
let server: http.Server;
let requests = 0;
let slow: string;
let from: Date;
let to: Date;
const EVENTS = 600;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1/32' });
  server = http.createServer((_req, res) => {
    requests++;
    setTimeout(() => res.end('{"ok":true}'), 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
  // events logged (and routed, with no workflow to start) before the workflow exists: only a `latest` replay reaches it
  from = new Date(Date.now() - 1000);
  await ctx.services.database.pool.query(`
    insert into events (id, source, type, data, routed_at)
    select 'item-' || i, '/load', 'load.item', jsonb_build_object('n', i), clock_timestamp() from generate_series(1, ${EVENTS}) i`);
  to = new Date(Date.now() + 1000);
  slow = await createActiveWorkflow({
    name: 'Slow call',
    nodes: [
      { id: 'item', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType: 'load.item' } },
      { id: 'call', type: 'http', position: { x: 200, y: 0 }, config: { method: 'POST', url, body: '{{ event.data }}' } },
    ],
    edges: [{ id: 'e1', source: 'item', target: 'call' }],
  });
  await ctx.startWorker();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const replayJobs = async (replayId: string) => {
  const jobs = await ctx.services.queues.queue('replays').getJobs(['active', 'waiting', 'delayed', 'prioritized']);
  return jobs.filter((j) => j?.id?.startsWith(`replay_${replayId}_`));
};
const stepQueueIdle = async () => {
  const counts = await ctx.services.queues.queue('steps').getJobCounts('active', 'waiting', 'prioritized');
  return counts.active + counts.waiting + counts.prioritized === 0;
};
const replayRunCount = async (id: string) => (await query(ctx, 'select count(*)::int as n from runs where replay_id = $1', [id]))[0].n as number;

describe('controlling a replay', () => {
  let replayId: string;

  it('walks in batches, keeping at most a window of its runs in flight', async () => {
    const replay = await startReplay({ from: iso(from), to: iso(to), type: 'load.item', workflowIds: [slow], version: 'latest' });
    replayId = replay.id;
    expect(replay.estimate).toEqual({ events: EVENTS, runs: EVENTS });
    await waitForReplay(replayId, (r) => r.progress.runs.started >= 250);
    // the window: a batch starts only while fewer than WINDOW_RUNS runs are queued or running
    const [open] = await query(ctx, `select count(*)::int as n from runs where replay_id = $1 and status in ('queued', 'running')`, [replayId]);
    expect(open.n).toBeLessThanOrEqual(WINDOW_RUNS + BATCH_EVENTS);
  });

  it('pauses: no job is left to walk further, and it resumes where it stopped', async () => {
    const paused = await callApi('POST', `/api/replays/${replayId}/pause`);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.status).toBe('paused');
    await waitFor(async () => (await replayJobs(replayId)).length === 0, { what: 'the replay jobs to stop' });
    const { body: still } = await callApi('GET', `/api/replays/${replayId}`);
    expect(still.status).toBe('paused');
    expect(still.progress.events.done).toBeLessThan(EVENTS);
    const walked = still.progress.events.done;
    expect(await replayRunCount(replayId)).toBe(still.progress.runs.started);

    const resumed = await callApi('POST', `/api/replays/${replayId}/resume`);
    expect(resumed.body.status).toBe('running');
    await waitForReplay(replayId, (r) => r.progress.events.done > walked);
  });

  it('cancels within a second: open runs end at once and nothing starts afterwards', async () => {
    await waitForReplay(replayId, (r) => r.progress.runs.started >= 400);
    const started = Date.now();
    const cancelled = await callApi('POST', `/api/replays/${replayId}/cancel`);
    const tookMs = Date.now() - started;
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(tookMs).toBeLessThan(1000 + HOST_SLACK_MS);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', progress: { runs: { inFlight: 0 } } });
    expect(cancelled.body.progress.runs.cancelled).toBeGreaterThan(0);
    const runsAtCancel = await replayRunCount(replayId);
    expect(runsAtCancel).toBeLessThan(EVENTS);

    await waitFor(async () => (await replayJobs(replayId)).length === 0 && await stepQueueIdle(), { what: 'the queues to drain' });
    expect(await replayRunCount(replayId)).toBe(runsAtCancel);
    const [late] = await query(ctx, `
      select count(*)::int as n from steps s join runs r on r.id = s.run_id join replays p on p.id = r.replay_id
      where p.id = $1 and s.started_at > p.finished_at`, [replayId]);
    expect(late.n).toBe(0);
    const { body } = await callApi('GET', `/api/replays/${replayId}`);
    expect(body.status).toBe('cancelled');
    expect((await callApi('POST', `/api/replays/${replayId}/resume`)).status).toBe(409);
  });
});
