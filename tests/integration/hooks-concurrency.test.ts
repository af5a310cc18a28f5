import { randomUUID } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import githubExamples from '@octokit/webhooks-examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../setup/context';
import { waitFor } from '../setup/wait';
import { createActiveWorkflow, transformWorkflow } from './api-helpers';
import { createHook, deliver, rows, TEST_SECRET } from './hooks-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET });
});

afterAll(async () => {
  await ctx?.close();
});

const COPIES = 100;

describe('one delivery sent 100 times at once', () => {
  it('is one event, one run per workflow, and every answer is 2xx', async () => {
    const pushes = await createActiveWorkflow(transformWorkflow('Pushes', 'github.push', 'event.data.ref'));
    const everything = await createActiveWorkflow(transformWorkflow('All GitHub', 'github.**', 'event.type'));
    await createActiveWorkflow(transformWorkflow('Unrelated', 'order.placed', '1'));
    const hook = await createHook({ name: 'GitHub', verify: { scheme: 'github' } });
    await ctx.startWorker();

    const payload = JSON.stringify(githubExamples.find((e) => e.name === 'push')!.examples[0]);
    const delivery = randomUUID();
    const headers = {
      'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': delivery,
      'x-hub-signature-256': await githubSign(hook.secret!, payload),
    };
    const answers = await Promise.all(Array.from({ length: COPIES }, () => deliver(hook.id, payload, headers)));

    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 202), JSON.stringify(answers.filter((a) => a.status >= 300).map((a) => a.body))).toBe(true);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    const seqs = new Set(answers.map((a) => a.body.seq));
    expect(seqs.size).toBe(1);
    expect(answers.every((a) => a.body.id === delivery)).toBe(true);

    expect(await rows(ctx, 'events', `source <> '/audit'`)).toBe(1);
    const [seq] = [...seqs];
    await waitFor(async () => (await rows(ctx, 'events', `routed_at is not null and source <> '/audit'`)) === 1, { what: 'the event to be routed' });
    const { rows: started } = await ctx.services.database.pool.query('select workflow_id from runs where event_seq = $1 order by workflow_id', [seq]);
    expect(started.map((r) => r.workflow_id).sort()).toEqual([pushes, everything].sort());
    expect(await rows(ctx, 'hook_deliveries')).toBe(COPIES);
    expect(await rows(ctx, 'hook_deliveries', "dedupe = 'new'")).toBe(1);
  });
});
