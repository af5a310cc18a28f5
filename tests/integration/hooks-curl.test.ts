/** The copy-paste examples shown in the UI and the README really work: bash, curl and openssl against a real socket. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlExample } from '@/lib/hooks/curl';
import { callApi } from '../setup/api';
import { createTestContext, type TestContext } from '../setup/context';
import { createHook, lastDelivery, serveApi, TEST_SECRET } from './hooks-helpers';

const run = promisify(execFile);
let ctx: TestContext;
let server: Awaited<ReturnType<typeof serveApi>>;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET });
  server = await serveApi();
});

afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const endpoints: [string, Record<string, unknown>, string][] = [
  ['standard-webhooks', { verify: { scheme: 'standard-webhooks' } }, 'test.ping'],
  ['github', { verify: { scheme: 'github' } }, 'github.ping'],
  ['stripe', { verify: { scheme: 'stripe', secret: "whsec_it's-a-pasted-secret-with-a-quote" } }, 'stripe.payment_intent.succeeded'],
  ['hmac-sha256 (hex, prefixed)', { eventType: 'demo.hello', verify: { scheme: 'hmac-sha256', header: 'x-signature-256', prefix: 'sha256=' } }, 'demo.hello'],
  ['hmac-sha256 (base64)', { eventType: 'demo.hello', verify: { scheme: 'hmac-sha256', encoding: 'base64' } }, 'demo.hello'],
  ['token (bearer)', { eventType: 'demo.hello', verify: { scheme: 'token', header: 'authorization', prefix: 'Bearer ' } }, 'demo.hello'],
  ['none', { eventType: 'demo.hello', verify: { scheme: 'none' } }, 'demo.hello'],
];

describe('the curl example of each scheme', () => {
  it.each(endpoints)('%s is accepted as a verified event', async (_name, settings, type) => {
    const hook = await createHook({ name: 'Example', ...settings });
    const url = `${server.url}/api/hooks/${hook.id}`;
    const script = curlExample(hook.verify, url, hook.secret);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { timeout: 20_000 });
    const answer = JSON.parse(stdout);
    expect(answer, stdout).toEqual({ id: expect.any(String), seq: expect.any(Number), duplicate: false });
    const event = await callApi('GET', `/api/events/${encodeURIComponent(answer.id)}?source=/hooks/${hook.id}`);
    expect(event.body.type).toBe(type);
    expect((await lastDelivery(ctx, hook.id)).verification).toBe(hook.verify.scheme === 'none' ? 'skipped' : 'verified');
  });

  it('is refused when run with another secret', async () => {
    const hook = await createHook({ name: 'Example', verify: { scheme: 'github' } });
    const script = curlExample(hook.verify, `${server.url}/api/hooks/${hook.id}`, 'not-the-secret-0123456789');
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { timeout: 20_000 });
    expect(JSON.parse(stdout).error.code).toBe('unauthorized');
  });
});
