import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';

/**
 * PostgreSQL is the record and Redis only carries work (README "Durability"): whatever the
 * database shows as open but Redis no longer carries is picked up again by the reconciler.
 * Here the lost work is simulated directly: an event committed without its routing job (a crash
 * between commit and enqueue), and queues emptied under a stopped worker (Redis lost its data).
 */

let ctx: TestContext;
let workflowId: string;
const pos = { x: 0, y: 0 };

async function query<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await ctx.services.database.pool.query(text, values)).rows as T[];
}

async function runsOf(eventId: string) {
  return query<{ id: string; status: string }>(
    `select r.id, r.status from runs r join events e on e.seq = r.event_seq where e.source = '/outbox' and e.id = $1`, [eventId]);
}

async function succeededRun(eventId: string, timeoutMs = 15_000) {
  return waitFor(async () => {
    const rows = await runsOf(eventId);
    return rows.length === 1 && rows[0].status === 'succeeded' ? rows[0] : undefined;
  }, { timeoutMs, intervalMs: 100, what: `the run of ${eventId} to succeed` });
}

const stepsOf = async (runId: string) => Object.fromEntries(
  (await callApi('GET', `/api/runs/${runId}`)).body.steps.map((s: { nodeId: string }) => [s.nodeId, s])) as Record<string, any>;

beforeAll(async () => {
  ctx = await createTestContext();
  const doc = {
    name: 'Outbox',
    nodes: [
      { id: 'start', type: 'trigger.event', position: pos, config: { eventType: 'outbox.*' } },
      { id: 'pause', type: 'delay', position: pos, config: { duration: '{{ event.data.pause }}' } },
      { id: 'double', type: 'transform', position: pos, config: { expression: 'event.data.n * 2' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'pause' }, { id: 'e2', source: 'pause', target: 'double' }],
  };
  const created = await callApi('POST', '/api/workflows', { body: doc });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  workflowId = created.body.id;
  const activated = await callApi('POST', `/api/workflows/${workflowId}/activate`);
  expect(activated.status, JSON.stringify(activated.body)).toBe(200);
});

afterAll(async () => {
  await ctx?.close();
});

describe('work that Redis lost is recovered from PostgreSQL', () => {
  it('routes an event committed without a routing job (a crash between commit and enqueue)', async () => {
    const worker = await ctx.startWorker();
    try {
      const [row] = await query<{ seq: number }>(
        `insert into events (id, source, type, data) values ('lost-1', '/outbox', 'outbox.lost', '{"n": 21, "pause": "1ms"}') returning seq`);
      expect(await ctx.services.queues.queue('events').getJob(`route_${row.seq}`)).toBeUndefined();

      const run = await succeededRun('lost-1');
      const [event] = await query<{ routed_at: Date | null }>(`select routed_at from events where seq = $1`, [row.seq]);
      expect(event.routed_at).not.toBeNull();
      expect((await stepsOf(run.id)).double.output).toBe(42);
    } finally {
      await worker.close();
    }
  });

  it('routes and runs events whose queued routing jobs were wiped from Redis while no worker ran', async () => {
    const sent = await callApi('POST', '/api/events', {
      raw: JSON.stringify([1, 2, 3].map((n) => ({ specversion: '1.0', id: `wiped-${n}`, source: '/outbox', type: 'outbox.wiped', data: { n, pause: '1ms' } }))),
      headers: { 'content-type': 'application/cloudevents-batch+json' },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const events = ctx.services.queues.queue('events');
    const queued = await events.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(queued.flatMap((job) => job.data.seqs)).toEqual(sent.body.map((e: { seq: number }) => e.seq));
    await events.obliterate({ force: true });

    const worker = await ctx.startWorker();
    try {
      for (const n of [1, 2, 3]) {
        const run = await succeededRun(`wiped-${n}`);
        expect((await stepsOf(run.id)).double.output).toBe(n * 2);
      }
    } finally {
      await worker.close();
    }
  });

  it('wakes a delay whose delayed job was wiped from Redis', async () => {
    let worker = await ctx.startWorker();
    try {
      await callApi('POST', '/api/events', { body: { type: 'outbox.delay', id: 'delay-wiped', source: '/outbox', data: { n: 5, pause: '1s' } } });
      const runId = await waitFor(async () => {
        const [run] = await runsOf('delay-wiped');
        if (!run) return undefined;
        return (await stepsOf(run.id)).pause?.status === 'waiting' ? run.id : undefined;
      }, { what: 'the delay to start' });
      await worker.close();
      const steps = ctx.services.queues.queue('steps');
      expect(await steps.getJobCountByTypes('delayed')).toBeGreaterThanOrEqual(1);
      await steps.obliterate({ force: true });
      expect(await steps.getJobCountByTypes('delayed', 'waiting')).toBe(0);

      worker = await ctx.startWorker();
      const run = await succeededRun('delay-wiped');
      expect(run.id).toBe(runId);
      expect((await stepsOf(runId)).double.output).toBe(10);
    } finally {
      await worker.close().catch(() => {});
    }
  });
});
