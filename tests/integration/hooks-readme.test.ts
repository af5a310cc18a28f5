/**
 * The README's "Receiving webhooks" examples, run as written (only the host and the API key
 * file are swapped for the test server's) with bash, curl and openssl: each must be accepted.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_API_KEY, type TestContext } from '../setup/context';
import { rows, serveApi, TEST_SECRET } from './hooks-helpers';

const run = promisify(execFile);
let ctx: TestContext;
let server: Awaited<ReturnType<typeof serveApi>>;

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Receiving webhooks'), readme.indexOf('\n## ', readme.indexOf('## Receiving webhooks') + 1));
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const [prelude, ...examples] = blocks;

beforeAll(async () => {
  ctx = await createTestContext({ CAUSEWAY_SECRET: TEST_SECRET });
  server = await serveApi();
});

afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

describe('the README examples of receiving webhooks', () => {
  it('has a prelude and one example per scheme', () => {
    expect(prelude).toContain('hook()');
    expect(examples.map((e) => JSON.parse(/"verify":(\{[^}]*\})/.exec(e)![1]!.replace(/"'"\$SECRET"'"/, '"x"')).scheme))
      .toEqual(['standard-webhooks', 'github', 'stripe', 'hmac-sha256', 'token', 'none']);
  });

  it.each(examples.map((e, i) => [i, e] as const))('example %i is accepted', async (_i, example) => {
    const script = `${prelude}\n${example}`
      .replaceAll('$(cat .data/api-key)', TEST_API_KEY)
      .replaceAll('localhost:3000', server.url.replace('http://', ''));
    const before = await rows(ctx, 'events', `source <> '/audit'`);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { timeout: 20_000 });
    expect(JSON.parse(stdout), stdout).toEqual({ id: expect.any(String), seq: expect.any(Number), duplicate: false });
    expect(await rows(ctx, 'events', `source <> '/audit'`)).toBe(before + 1);
  });
});
