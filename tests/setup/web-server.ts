import path from 'node:path';
import type { Env } from '../../lib/env';
import { freePort } from '../../lib/runtime/free-port';
import { ensureNextBuild } from '../../lib/runtime/next-build';
import { webServerArgs } from '../../lib/runtime/web-command';
import { startProcess, type ManagedProcess } from '../../lib/runtime/processes';
import { waitFor } from './wait';

const root = path.resolve(__dirname, '../..');

/** The real web role (scripts/serve-web.ts, built once) against a test context's database and Redis. */
export async function startWebServer(env: Env, extra: Record<string, string> = {}): Promise<{ url: string; process: ManagedProcess }> {
  const childEnv = {
    ...process.env, NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL, CAUSEWAY_QUEUE_PREFIX: env.CAUSEWAY_QUEUE_PREFIX,
    CAUSEWAY_API_KEY: env.CAUSEWAY_API_KEY, LOG_LEVEL: 'warn', ...extra,
  };
  ensureNextBuild(root, childEnv);
  const port = await freePort();
  const web = startProcess('web', process.execPath, webServerArgs(root, port, '127.0.0.1'), childEnv);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/api/health`)).ok, { timeoutMs: 60_000, what: 'the web server' });
  return { url, process: web };
}
