import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runMigrations } from '@/db/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@/lib/runtime/embedded-postgres';
import { freePort } from '@/lib/runtime/free-port';
import { startRedisServer } from '@/lib/runtime/redis-server';
import type { Cleanup } from './cleanup';
import { sleep } from './stats';

/** The private PostgreSQL and Redis a benchmark run uses, in a temporary directory. */
export interface Infra {
  root: string;
  adminUrl: string;
  redisUrl: string;
  /** Whether pg_stat_statements is loaded (statement counts per run). */
  statements: boolean;
  redisPid: number;
  /** The postmaster's pid (from postmaster.pid), for CPU accounting. */
  postgresPid(): number | undefined;
  /** A fresh database copied from the migrated template; dropped by the returned function. */
  createDatabase(label: string): Promise<{ name: string; url: string; drop(): Promise<void> }>;
  /** Runs one statement as the superuser on the admin database. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<T>>;
}

const TEMPLATE = 'bench_template';

async function adminQuery<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<T>(text, values);
  } finally {
    await client.end();
  }
}

/**
 * Starts embedded PostgreSQL (restarted once with pg_stat_statements preloaded, when the binaries
 * have it) and a redis-server on free ports, and migrates a template database.
 */
export async function startInfra(cleanup: Cleanup, log: (line: string) => void): Promise<Infra> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'causeway-bench-'));
  await fs.chmod(root, 0o755); // PostgreSQL runs as the postgres user when we are root
  cleanup.add('temp dir', () => fs.rm(root, { recursive: true, force: true }));

  const pgPort = await freePort();
  const dataDir = path.join(root, 'pg');
  let postgres: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir, port: pgPort });
  cleanup.add('postgres', () => stopPostgres(postgres, dataDir));
  const adminUrl = postgres.url;

  let statements = false;
  try {
    await adminQuery(adminUrl, `alter system set shared_preload_libraries = 'pg_stat_statements'`);
    await postgres.stop();
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
    statements = true;
  } catch (err) {
    log(`pg_stat_statements unavailable (${err instanceof Error ? err.message : String(err)}); statement counts fall back to pg_stat_database`);
  }

  const redis = await startRedisServer({ dataDir: path.join(root, 'redis'), port: await freePort() });
  cleanup.add('redis', () => redis.stop());

  await adminQuery(adminUrl, `create database ${TEMPLATE}`);
  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  await runMigrations(templateUrl);
  if (statements) {
    const create = 'create extension if not exists pg_stat_statements';
    statements = await adminQuery(templateUrl, create).then(() => adminQuery(adminUrl, create)).then(() => true, (err) => {
      log(`pg_stat_statements could not be created: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    });
  }

  return {
    root,
    adminUrl,
    redisUrl: redis.url,
    statements,
    redisPid: redis.pid,
    postgresPid: () => {
      try {
        return Number(fsSync.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
      } catch {
        return undefined;
      }
    },
    admin: (text, values) => adminQuery(adminUrl, text, values),
    async createDatabase(label) {
      const name = `bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
      await adminQuery(adminUrl, `create database ${name} template ${TEMPLATE}`);
      return {
        name,
        url: withDatabase(adminUrl, name),
        drop: async () => { await adminQuery(adminUrl, `drop database if exists ${name} with (force)`); },
      };
    },
  };
}

/**
 * embedded-postgres's stop() waits for an exit event that never comes when the server is already
 * gone (Ctrl-C reaches it too, as it shares our process group); the removal of postmaster.pid
 * says it has stopped either way.
 */
async function stopPostgres(postgres: EmbeddedPostgresHandle, dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const gone = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && await fs.stat(pidFile).then(() => true, () => false)) await sleep(100);
  })();
  await Promise.race([postgres.stop(), gone]);
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
