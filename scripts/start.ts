/**
 * `npm start`: everything on one machine. Embedded PostgreSQL unless DATABASE_URL is set, a
 * redis-server child unless REDIS_URL is set, migrations, the demo, the web server and WORKERS
 * worker processes. Ctrl-C stops all of it.
 */
import path from 'node:path';
import { runMigrations } from '@/db/migrate';
import { generateApiKey } from '@/lib/auth/api-keys';
import { EnvError, parseEnv } from '@/lib/env';
import { seedDemo } from '@/lib/demo/seed';
import { startMockService } from '@/lib/demo/mock-service';
import { startEmbeddedPostgres } from '@/lib/runtime/embedded-postgres';
import { ensureDatabase } from '@/lib/runtime/ensure-database';
import { freePort } from '@/lib/runtime/free-port';
import { ensureNextBuild } from '@/lib/runtime/next-build';
import { webServerArgs } from '@/lib/runtime/web-command';
import { startProcess, type ManagedProcess } from '@/lib/runtime/processes';
import { MissingRedisError, startRedisServer } from '@/lib/runtime/redis-server';
import { persistentSecret } from '@/lib/runtime/secrets-file';

const root = process.cwd();
const say = (line: string) => process.stderr.write(`${line}\n`);
const stoppers: (() => Promise<void>)[] = [];

async function main() {
  const env = parseEnv(process.env);
  const dataDir = path.resolve(env.CAUSEWAY_DATA_DIR);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CAUSEWAY_DATA_DIR: dataDir };

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say('Starting embedded PostgreSQL...');
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort() });
    stoppers.unshift(postgres.stop);
    databaseUrl = await ensureDatabase(postgres.url, 'causeway');
  }
  let redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedisServer({ dataDir: path.join(dataDir, 'redis'), port: await freePort() });
    stoppers.unshift(redis.stop);
    redisUrl = redis.url;
  }
  await runMigrations(databaseUrl);

  const apiKey = env.CAUSEWAY_API_KEY ?? await persistentSecret(dataDir, 'api-key', generateApiKey);
  const secret = env.CAUSEWAY_SECRET ?? await persistentSecret(dataDir, 'secret');
  Object.assign(childEnv, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, CAUSEWAY_API_KEY: apiKey, CAUSEWAY_SECRET: secret });

  if (env.CAUSEWAY_DEMO === 'on') {
    const mock = await startMockService(env.PORT + 1);
    stoppers.unshift(mock.stop);
    const allow = [env.CAUSEWAY_HTTP_ALLOW, '127.0.0.1/32'].filter(Boolean).join(',');
    childEnv.CAUSEWAY_HTTP_ALLOW = allow;
    const seeded = await seedDemo(databaseUrl, redisUrl, env.CAUSEWAY_QUEUE_PREFIX, mock.url);
    if (seeded) say(`Loaded the demo workflows (mock service on ${mock.url}).`);
  }

  ensureNextBuild(root, childEnv);
  const processes: ManagedProcess[] = [];
  processes.push(startProcess('web', process.execPath, webServerArgs(root, env.PORT), childEnv));
  for (let i = 0; i < env.WORKERS; i++) {
    processes.push(startProcess(`worker-${i + 1}`, process.execPath, ['--import', 'tsx', path.join(root, 'worker', 'main.ts')], childEnv));
  }
  stoppers.unshift(async () => { await Promise.all(processes.map((p) => p.stop())); });
  for (const p of processes) {
    void p.exited.then((code) => { if (!stopping) { say(`${p.name} exited (${code}); stopping.`); void shutdown(1); } });
  }

  say('');
  say(`Causeway is running: http://localhost:${env.PORT}`);
  say(`API key: ${apiKey}   (curl -H "Authorization: Bearer ${apiKey}" http://localhost:${env.PORT}/api/workflows)`);
  say(`Workers: ${env.WORKERS}. Press Ctrl-C to stop.`);
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say('Stopping Causeway...');
  for (const stop of stoppers) await stop().catch((err) => say(String(err)));
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (err) => {
  if (err instanceof EnvError || err instanceof MissingRedisError) say(err.message);
  else say(`Causeway failed to start: ${err instanceof Error ? err.stack : String(err)}`);
  await shutdown(1);
});
