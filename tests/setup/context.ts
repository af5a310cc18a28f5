import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { parseEnv, type Env } from '../../lib/env';
import { createServices, setServices, type Services } from '../../lib/server/services';
import { startWorkerRuntime, type WorkerRuntime } from '../../worker/runtime';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

export interface TestContext {
  env: Env;
  services: Services;
  startWorker(): Promise<WorkerRuntime>;
  close(): Promise<void>;
}

/** A fresh database (copied from the migrated template) and queue prefix for one test file. */
export async function createTestContext(overrides: Record<string, string> = {}): Promise<TestContext> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const adminUrl = inject('postgresUrl');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template causeway_template`);
  await admin.end();

  const env = parseEnv({
    DATABASE_URL: adminUrl.replace(/\/postgres$/, `/${name}`),
    REDIS_URL: inject('redisUrl'),
    CAUSEWAY_QUEUE_PREFIX: name,
    CAUSEWAY_API_KEY: TEST_API_KEY,
    WORKER_CONCURRENCY: '20',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const services = createServices(env, 'test');
  setServices(services);
  const workers: WorkerRuntime[] = [];

  return {
    env,
    services,
    async startWorker() {
      const runtime = await startWorkerRuntime(env, { reconcileGraceSeconds: 1 });
      workers.push(runtime);
      return runtime;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close().catch(() => {})));
      setServices(undefined);
      await services.queues.close();
      await services.database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
