import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { startWebServer } from '../setup/web-server';
import { createActiveWorkflow, transformWorkflow } from './api-helpers';
import { readSse, type SseReader } from './live-stream-client';

let ctx: TestContext;
const webs: Awaited<ReturnType<typeof startWebServer>>[] = [];
const streams: SseReader[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  webs.push(await startWebServer(ctx.env));
  webs.push(await startWebServer(ctx.env));
  await ctx.startWorker();
}, 600_000);

afterAll(async () => {
  for (const s of streams) s.close();
  await Promise.all(webs.map((w) => w.process.stop()));
  await ctx?.close();
});

async function open(url: string, query: string): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/stream${query}`, { headers: { authorization: `Bearer ${TEST_API_KEY}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = readSse(res.body!, abort);
  streams.push(reader);
  await reader.waitFor((m) => m.event === 'ready', `the stream of ${url}`);
  return reader;
}

describe('several web processes', () => {
  it('both stream the updates one worker produces, over real HTTP', async () => {
    const workflowId = await createActiveWorkflow(transformWorkflow('Two webs', 'live.two', 'event.data.n * 2'));
    const [a, b] = [await open(webs[0].url, `?workflowId=${workflowId}`), await open(webs[1].url, `?workflowId=${workflowId}`)];

    // the event goes in through the first web process
    const posted = await fetch(`${webs[0].url}/api/events`, {
      method: 'POST', headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'live.two', data: { n: 21 } }),
    });
    expect(posted.status).toBe(202);
    const { seq } = await posted.json() as { seq: number };

    for (const s of [a, b]) {
      const appended = await s.waitFor((m) => m.event === 'event.appended' && m.data.event.seq === seq, 'the event');
      const runId = appended.data.runs[0].id;
      await s.waitFor((m) => m.event === 'run.updated' && m.data.runId === runId && m.data.status === 'succeeded', 'the run end');
      const steps = s.messages.filter((m) => m.event === 'step.updated' && m.data.nodeId === 'shape').map((m) => m.data.status);
      // a transform is computed as routing creates the run: it appears finished
      expect(steps).toEqual(['succeeded']);
    }
    // the same messages, in the same order, on both
    const key = (s: SseReader) => s.messages.filter((m) => m.event !== 'ready').map((m) => `${m.event}:${m.data.nodeId ?? ''}:${m.data.status ?? m.data.event?.seq}`);
    expect(key(a)).toEqual(key(b));
  });
});
