import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../db/migrate';
import { startEmbeddedPostgres } from '../../lib/runtime/embedded-postgres';
import { freePort } from '../../lib/runtime/free-port';
import { startRedisServer } from '../../lib/runtime/redis-server';

export const TEMPLATE_DB = 'causeway_template';

/**
 * Starts a private PostgreSQL (embedded, from npm) and redis-server on free ports for the whole
 * run, so tests never touch a developer's data; each test file then gets its own database copied
 * from a migrated template and its own queue prefix.
 */
export default async function setup(project: TestProject) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'causeway-test-'));
  await fs.chmod(root, 0o755);
  const [pgPort, redisPort] = [await freePort(), await freePort()];
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: pgPort });
  const redis = await startRedisServer({ dataDir: path.join(root, 'redis'), port: redisPort, persist: false });

  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = postgres.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`);
  await runMigrations(templateUrl);

  project.provide('postgresUrl', postgres.url);
  project.provide('redisUrl', redis.url);

  return async () => {
    await redis.stop();
    await postgres.stop();
    await fs.rm(root, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    redisUrl: string;
  }
}
