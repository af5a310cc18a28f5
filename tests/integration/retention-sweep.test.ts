import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepRetention } from '@/lib/retention/sweep';
import { callApi } from '../setup/api';
import { apiKeyWithRole } from '../setup/accounts';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow, expectError, transformWorkflow } from './api-helpers';
import { query } from './replay-helpers';

let ctx: TestContext;
let versionId: string;
let workflowId: string;

/** Logs an event received `ageMinutes` ago (routed unless said otherwise); answers its seq. */
async function oldEvent(id: string, type: string, ageMinutes: number, routed = true): Promise<number> {
  const [row] = await query(ctx, `insert into events (id, source, type, data, received_at, routed_at)
    values ($1, '/old', $2, '{}', now() - make_interval(mins => $3), case when $4 then now() end) returning seq`, [id, type, ageMinutes, routed]);
  return Number(row.seq);
}

async function runFor(seq: number, status: string) {
  await query(ctx, `insert into runs (workflow_id, version_id, version, event_seq, trigger_node_id, status) values ($1, $2, 1, $3, 'start', $4)`,
    [workflowId, versionId, seq, status]);
}

const remaining = async () => (await query(ctx, `select id from events where source = '/old' order by id`)).map((r) => r.id as string);

beforeAll(async () => {
  ctx = await createTestContext();
  workflowId = await createActiveWorkflow(transformWorkflow('Debug', 'debug.**', '1'));
  [{ version_id: versionId }] = await query(ctx, 'select id as version_id from workflow_versions where workflow_id = $1', [workflowId]);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('retention', () => {
  it('keeps every event forever by default, and takes policies per type pattern', async () => {
    expect((await callApi('GET', '/api/retention')).body).toEqual({ default: 'forever', policies: [] });
    const put = await callApi('PUT', '/api/retention', { body: { type: 'debug.**', keep: '1h' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ type: 'debug.**', keepSeconds: 3600 });
    expect((await callApi('PUT', '/api/retention', { body: { type: 'debug.audit', keep: null } })).status).toBe(200);
    const list = await callApi('GET', '/api/retention');
    expect(list.body.policies.map((p: { type: string; keepSeconds: number | null }) => [p.type, p.keepSeconds])).toEqual([['debug.**', 3600], ['debug.audit', null]]);
  });

  it('refuses bad policies, and lets only editors change them', async () => {
    expectError(await callApi('PUT', '/api/retention', { body: { type: 'debug.**', keep: '10s' } }), 400, /at least a minute/);
    expectError(await callApi('PUT', '/api/retention', { body: { type: 'debug..x', keep: '1d' } }), 400, /type pattern/);
    expectError(await callApi('PUT', '/api/retention', { body: { type: 'debug.x' } }), 400, /keep/);
    const viewer = await apiKeyWithRole(ctx, 'viewer');
    expectError(await callApi('PUT', '/api/retention', { body: { type: 'x.y', keep: '1d' }, auth: viewer }), 403);
    expectError(await callApi('DELETE', '/api/retention?type=debug.**', { auth: viewer }), 403);
    expectError(await callApi('DELETE', '/api/retention?type=nothing.here'), 404);
    expect((await callApi('GET', '/api/retention')).body.policies).toHaveLength(2);
  });

  it('removes expired events in batches, never those that runs, waits or replays still need', async () => {
    await oldEvent('expired-1', 'debug.log', 120);
    await oldEvent('expired-2', 'debug.trace.deep', 120);
    await oldEvent('expired-3', 'debug.log', 90);
    await oldEvent('recent', 'debug.log', 10);
    await oldEvent('forever', 'debug.audit', 120);
    await oldEvent('other-type', 'order.placed', 120);
    await oldEvent('unrouted', 'debug.log', 120, false);
    await runFor(await oldEvent('run-waiting', 'debug.log', 120), 'waiting');
    await runFor(await oldEvent('run-failed', 'debug.log', 120), 'failed');
    await runFor(await oldEvent('run-done', 'debug.log', 120), 'succeeded');
    const received = await oldEvent('wait-received', 'debug.log', 120);
    const [openRun] = await query(ctx, `select id from runs where status = 'waiting'`);
    await query(ctx, `insert into waits (run_id, node_id, event_type, type_regex, after_seq, status, event_seq) values ($1, 'w', 'debug.log', '^debug\\.log$', 0, 'received', $2)`, [openRun.id, received]);
    const inReplay = await oldEvent('replay-ahead', 'debug.log', 120);
    await query(ctx, `insert into replays (kind, status, from_at, to_at, version, cursor_seq, max_seq, events_total)
      values ('replay', 'paused', now() - interval '3 hours', now(), 'pinned', $1, $2, 1)`, [inReplay - 1, inReplay]);

    const first = await sweepRetention(ctx.services.database.db, { batchSize: 2, maxBatches: 1 });
    expect(first.deleted).toBe(2);
    const second = await sweepRetention(ctx.services.database.db, { batchSize: 2, maxBatches: 5 });
    expect(second).toEqual({ deleted: 2, byType: { 'debug.**': 2 } });
    expect(await remaining()).toEqual(['forever', 'other-type', 'recent', 'replay-ahead', 'run-failed', 'run-waiting', 'unrouted', 'wait-received']);
  });

  it('runs as a background job in the worker', async () => {
    await oldEvent('expired-later', 'debug.log', 120);
    await ctx.startWorker();
    await ctx.services.producer.add('retention', {});
    await waitFor(async () => !(await remaining()).includes('expired-later'), { what: 'the retention job' });
    expect(await remaining()).toContain('recent');
    expect((await callApi('DELETE', '/api/retention?type=debug.**')).status).toBe(200);
  });
});
