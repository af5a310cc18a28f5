import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLiveHub } from '@/lib/live/hub';
import { callApi } from '../setup/api';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow, delayWorkflow, expectError, failingWorkflow, sendEvent, waitForRun } from './api-helpers';
import { readSse, type SseMessage, type SseReader } from './live-stream-client';

let ctx: TestContext;
const open: SseReader[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.startWorker();
});

afterAll(async () => {
  for (const s of open) s.close();
  await ctx?.close();
});

/** Opens `GET /api/stream` in-process, as Next.js would call the route, and reads it as it arrives. */
async function stream(query = '', headers: Record<string, string> = {}): Promise<SseReader> {
  const { GET } = await import('@/app/api/stream/route');
  const abort = new AbortController();
  const response = await GET(new Request(`http://localhost/api/stream${query}`, {
    headers: { authorization: `Bearer ${TEST_API_KEY}`, ...headers }, signal: abort.signal,
  }), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = readSse(response.body!, abort);
  open.push(reader);
  await reader.waitFor((m) => m.event === 'ready' || m.event !== 'ready', 'the stream to start', 5_000).catch(() => undefined);
  return reader;
}

const chain = (name: string, eventType: string) => ({
  name,
  nodes: [
    { id: 'start', type: 'trigger.event', position: { x: 0, y: 0 }, config: { eventType } },
    { id: 'first', type: 'transform', position: { x: 200, y: 0 }, config: { expression: 'event.data.n + 1' } },
    { id: 'second', type: 'code', position: { x: 400, y: 0 }, config: { source: 'return steps.first * 2' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'first' }, { id: 'e2', source: 'first', target: 'second' }],
});

const ofRun = (runId: string) => (m: SseMessage) => m.data.runId === runId;

describe('GET /api/stream', () => {
  it('delivers event.appended, run.updated and step.updated in order for a run', async () => {
    const workflowId = await createActiveWorkflow(chain('Live chain', 'live.order'));
    const s = await stream(`?workflowId=${workflowId}`);
    await s.waitFor((m) => m.event === 'ready', 'the ready message');
    const sent = await sendEvent({ type: 'live.order', data: { n: 1 } });

    const appended = await s.waitFor((m) => m.event === 'event.appended' && m.data.event.seq === sent.seq, 'the event');
    const runId = appended.data.runs[0].id as string;
    expect(appended.data.runs).toEqual([{ id: runId, workflowId }]);
    expect(appended.data.event).toMatchObject({ id: sent.id, type: 'live.order', source: '/api' });
    await s.waitFor((m) => m.event === 'run.updated' && m.data.runId === runId && m.data.status === 'succeeded', 'the run to succeed');

    const forRun = s.messages.filter((m) => m === appended || ofRun(runId)(m));
    expect(forRun[0]).toBe(appended);
    const runStatuses = forRun.filter((m) => m.event === 'run.updated').map((m) => m.data.status);
    // routing computes the transform as it creates the run, and runs the code step itself, so the run
    // starts out running (it never waits in a queue)
    expect(runStatuses).toEqual(['running', 'succeeded']);
    const stepStatuses = (nodeId: string) => forRun.filter((m) => m.event === 'step.updated' && m.data.nodeId === nodeId).map((m) => m.data.status);
    expect(stepStatuses('start')).toEqual(['succeeded']);
    expect(stepStatuses('first')).toEqual(['succeeded']);
    expect(stepStatuses('second')).toEqual(['pending', 'running', 'succeeded']);
    // second starts only after first succeeded, and the run succeeds last
    const index = (nodeId: string, status: string) => forRun.findIndex((m) => m.event === 'step.updated' && m.data.nodeId === nodeId && m.data.status === status);
    expect(index('first', 'succeeded')).toBeLessThan(index('second', 'running'));
    expect(forRun[forRun.length - 1]).toMatchObject({ event: 'run.updated', data: { status: 'succeeded' } });
    // every message has an id the client can resume from, and ids never go back
    const ids = forRun.map((m) => m.id!.split('-').map(Number));
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i][0]).toBeGreaterThanOrEqual(ids[i - 1][0]);
      expect(ids[i][1]).toBeGreaterThanOrEqual(ids[i - 1][1]);
    }
  });

  it('announces waits and retries with when they are due, and the failure with its error', async () => {
    const delayed = await createActiveWorkflow(delayWorkflow('Live delay', 'live.delay', '300ms'));
    const failing = await createActiveWorkflow(failingWorkflow('Live fail', 'live.fail'));
    const s = await stream('?type=run.updated,step.updated');
    await sendEvent({ type: 'live.delay', data: {} });
    await sendEvent({ type: 'live.fail', data: {} });
    const waiting = await s.waitFor((m) => m.data.workflowId === delayed && m.data.nodeId === 'pause' && m.data.status === 'waiting', 'the delay to wait');
    expect(Date.parse(waiting.data.dueAt) - Date.parse(waiting.data.at)).toBeGreaterThan(200);
    await s.waitFor((m) => m.data.workflowId === delayed && m.data.nodeId === 'pause' && m.data.status === 'succeeded', 'the delay to end');
    const failed = await s.waitFor((m) => m.event === 'run.updated' && m.data.workflowId === failing && m.data.status === 'failed', 'the failing run');
    expect(failed.data.error).toMatchObject({ nodeId: 'boom', message: 'failed on purpose' });
    const boom = s.messages.find((m) => m.data.workflowId === failing && m.data.nodeId === 'boom' && m.data.status === 'failed');
    expect(boom?.data.error).toMatchObject({ message: 'failed on purpose' });
    expect(s.messages.some((m) => m.event === 'event.appended')).toBe(false);
  });

  it('resumes after a reconnect with Last-Event-ID: what happened while away comes from the database', async () => {
    const workflowId = await createActiveWorkflow(chain('Live resume', 'live.resume'));
    const first = await stream(`?workflowId=${workflowId}`);
    const ready = await first.waitFor((m) => m.event === 'ready', 'the ready message');
    first.close();
    await first.closed;

    const sent = await sendEvent({ type: 'live.resume', data: { n: 41 } });
    const started = await waitFor(async () => (await callApi('GET', `/api/runs?workflowId=${workflowId}`)).body.items[0], { what: 'the run' });
    const run = await waitForRun(started.id);
    expect(run.status).toBe('succeeded');

    const again = await stream(`?workflowId=${workflowId}`, { 'last-event-id': ready.id! });
    const missedEvent = await again.waitFor((m) => m.event === 'event.appended' && m.data.event.seq === sent.seq, 'the missed event');
    expect(missedEvent.data.runs).toEqual([{ id: run.id, workflowId }]);
    await again.waitFor((m) => m.event === 'run.updated' && m.data.runId === run.id && m.data.status === 'succeeded', 'the missed run end');
    for (const nodeId of ['start', 'first', 'second']) {
      await again.waitFor((m) => m.event === 'step.updated' && m.data.runId === run.id && m.data.nodeId === nodeId && m.data.status === 'succeeded', `step ${nodeId}`);
    }

    // and a resume from where the second stream stopped misses nothing that came after
    const cursor = again.lastId()!;
    again.close();
    const later = await sendEvent({ type: 'live.resume', data: { n: 1 } });
    const third = await stream(`?workflowId=${workflowId}&lastEventId=${cursor}`);
    await third.waitFor((m) => m.event === 'event.appended' && m.data.event.seq === later.seq, 'the event after the second stream');
    // what the second stream saw may come again (a resume looks a little back), nothing older
    const seqs = third.messages.filter((m) => m.event === 'event.appended').map((m) => m.data.event.seq);
    expect(seqs.every((seq) => seq === sent.seq || seq === later.seq)).toBe(true);
  });

  it('filters by run and by event type pattern', async () => {
    const workflowId = await createActiveWorkflow(chain('Live filter', 'live.filter.*'));
    const byType = await stream('?type=event.appended&eventType=live.filter.b');
    const a = await sendEvent({ type: 'live.filter.a', data: { n: 1 } });
    const b = await sendEvent({ type: 'live.filter.b', data: { n: 2 } });
    await byType.waitFor((m) => m.data.event?.seq === b.seq, 'event b');
    const runs = await waitFor(async () => {
      const items = (await callApi('GET', `/api/runs?workflowId=${workflowId}`)).body.items;
      return items.length === 2 ? items : undefined;
    }, { what: 'both runs' });
    const runA = runs.find((r: { eventSeq: number }) => r.eventSeq === a.seq);
    await waitForRun(runA.id);
    expect(byType.messages.filter((m) => m.event !== 'ready').map((m) => m.data.event.seq)).toEqual([b.seq]);

    // a stream of one run, opened after it ended, is filled from the database with only that run
    const one = await stream(`?runId=${runA.id}&lastEventId=${a.seq - 1}-${Date.now() - 60_000}`);
    await one.waitFor((m) => m.event === 'run.updated' && m.data.status === 'succeeded', 'the run end');
    expect(new Set(one.messages.map((m) => m.data.runId ?? m.data.runs?.[0]?.id))).toEqual(new Set([runA.id]));
    expect(one.messages.find((m) => m.event === 'event.appended')?.data.event.seq).toBe(a.seq);
  });

  it('sends heartbeats and lets go of a client that leaves', async () => {
    const hub = getLiveHub(ctx.env.REDIS_URL!, ctx.env.CAUSEWAY_QUEUE_PREFIX);
    const before = hub.size;
    const s = await stream('?heartbeat=1');
    expect(hub.size).toBe(before + 1);
    await waitFor(async () => s.comments.includes('heartbeat'), { what: 'a heartbeat', timeoutMs: 5_000 });
    s.close();
    await s.closed;
    await waitFor(async () => hub.size === before, { what: 'the listener to go' });
  });

  it('refuses bad filters and strangers', async () => {
    expectError(await callApi('GET', '/api/stream?type=run.finished'), 400, /unknown type run\.finished/);
    expectError(await callApi('GET', '/api/stream?workflowId=nope'), 400, /workflowId/);
    expectError(await callApi('GET', '/api/stream?eventType=a..b'), 400, /eventType/);
    expectError(await callApi('GET', '/api/stream', { auth: null }), 401);
  });
});
