import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database } from '@/db/client';
import type { AppendDeps } from '@/lib/events/append';
import { createProducer, createQueueSet, type Producer, type QueueSet } from '@/lib/jobs/queues';
import { freePort } from '@/lib/runtime/free-port';
import { ensureNextBuild } from '@/lib/runtime/next-build';
import { webServerArgs } from '@/lib/runtime/web-command';
import type { Cleanup } from './cleanup';
import type { BenchConfig } from './config';
import type { Infra } from './infra';
import { inheritedEnv, spawnGroup, type GroupProcess } from './process-group';
import { pollUntil } from './stats';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';

/** One Causeway deployment for one benchmark: its own database, queue prefix, workers and web server. */
export interface Stack {
  label: string;
  dbName: string;
  database: Database;
  queues: QueueSet;
  producer: Producer;
  append: AppendDeps;
  workers: GroupProcess[];
  web?: { url: string; process: GroupProcess };
  apiKey: string;
  /** Stops the worker processes (their PostgreSQL sessions end and flush their statistics). */
  stopWorkers(): Promise<void>;
  /** Throws when a worker or the web server exited on its own. */
  assertAlive(): void;
  /** The output tails of the processes, for error messages. */
  describe(): string;
  close(): Promise<void>;
}

export interface StackOptions {
  label: string;
  workers: number;
  web?: boolean;
  workerConcurrency?: number;
  /** More environment for the worker and web processes. */
  env?: Record<string, string>;
}

function childEnv(dbUrl: string, redisUrl: string, prefix: string, concurrency: number): NodeJS.ProcessEnv {
  return inheritedEnv({
    DATABASE_URL: dbUrl, REDIS_URL: redisUrl, CAUSEWAY_QUEUE_PREFIX: prefix, CAUSEWAY_API_KEY: BENCH_API_KEY,
    CAUSEWAY_SECRET: 'bench-secret-0123456789abcdef', CAUSEWAY_DEMO: 'off', WORKER_CONCURRENCY: String(concurrency),
    LOG_LEVEL: 'info', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production',
  });
}

export async function startStack(ctx: { infra: Infra; cleanup: Cleanup; config: BenchConfig }, opts: StackOptions): Promise<Stack> {
  const { infra, cleanup } = ctx;
  const profileArgs = (role: string) => (ctx.config.cpuProfDir
    ? ['--cpu-prof', '--cpu-prof-dir', path.join(ctx.config.cpuProfDir, `${opts.label}-${role}`)] // one file per thread
    : []);
  const db = await infra.createDatabase(opts.label);
  const stoppers: (() => Promise<void>)[] = [];
  stoppers.push(cleanup.add(`database ${db.name}`, db.drop));
  const prefix = `b_${randomBytes(4).toString('hex')}`;
  const database = createDatabase(db.url, { max: 10 });
  const queues = createQueueSet(infra.redisUrl, prefix);
  stoppers.push(cleanup.add(`connections of ${db.name}`, async () => { await queues.close(); await database.close(); }));
  const producer = createProducer(queues);
  const env = { ...childEnv(db.url, infra.redisUrl, prefix, opts.workerConcurrency ?? 50), ...opts.env };

  let stopping = false;
  const processes = () => [...stack.workers, ...(stack.web ? [stack.web.process] : [])];
  const stack: Stack = {
    label: opts.label,
    dbName: db.name,
    database,
    queues,
    producer,
    append: { db: database.db, producer },
    workers: [],
    apiKey: BENCH_API_KEY,
    async stopWorkers() {
      stopping = true;
      await Promise.all(stack.workers.map((w) => w.stop()));
    },
    assertAlive() {
      const dead = processes().find((p) => p.exitCode() !== undefined);
      if (dead && !stopping) throw new Error(`${dead.name} exited (code ${dead.exitCode()}):\n${dead.output().slice(-3000)}`);
    },
    describe() {
      return processes().map((p) => `--- ${p.name} output (tail):\n${p.output().slice(-1500)}`).join('\n');
    },
    async close() {
      stopping = true;
      while (stoppers.length > 0) await stoppers.pop()!();
    },
  };
  try {
    for (let i = 0; i < opts.workers; i++) {
      const worker = spawnGroup(`worker-${i + 1}`, process.execPath, [...profileArgs(`worker-${i + 1}`), '--import', 'tsx', 'worker/main.ts'], {
        env, cwd: repoRoot, readyPattern: /"msg":"worker started"/,
      });
      stoppers.push(cleanup.add(worker.name, () => worker.stop()));
      stack.workers.push(worker);
    }
    await Promise.all(stack.workers.map((w) => w.ready));
    if (opts.web) stack.web = await startWeb(env, cleanup, stoppers, profileArgs('web'));
  } catch (err) {
    await stack.close();
    throw err;
  }
  return stack;
}

let buildFailure: unknown;

async function startWeb(env: NodeJS.ProcessEnv, cleanup: Cleanup, stoppers: (() => Promise<void>)[], nodeArgs: string[]) {
  if (buildFailure) throw buildFailure; // one failed build per benchmark run is enough
  try {
    ensureNextBuild(repoRoot, env);
  } catch (err) {
    buildFailure = err;
    throw err;
  }
  const port = await freePort();
  const web = spawnGroup('web', process.execPath, [...nodeArgs, ...webServerArgs(repoRoot, port, '127.0.0.1')], {
    env, cwd: repoRoot,
  });
  stoppers.push(cleanup.add('web', () => web.stop()));
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  void web.exited.then(() => { exited = true; });
  await pollUntil(async () => {
    if (exited) throw new Error(`the web server exited:\n${web.output().slice(-3000)}`);
    return (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) ? true : undefined;
  }, { timeoutMs: 90_000, intervalMs: 250, what: 'the web server' });
  return { url, process: web };
}
