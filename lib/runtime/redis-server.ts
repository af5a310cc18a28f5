import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface RedisServerHandle {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export class MissingRedisError extends Error {
  constructor() {
    super(
      'redis-server was not found on the PATH. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, '
      + 'macOS: `brew install redis`) or set REDIS_URL to a running Redis 6.2+.',
    );
  }
}

export function hasRedisServer(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

/** Spawns a private redis-server child with its append-only file in `dataDir`. */
export async function startRedisServer(opts: { dataDir: string; port: number; persist?: boolean }): Promise<RedisServerHandle> {
  if (!hasRedisServer()) throw new MissingRedisError();
  const dir = path.resolve(opts.dataDir);
  await fs.mkdir(dir, { recursive: true });
  const child = spawn('redis-server', [
    '--port', String(opts.port), '--bind', '127.0.0.1', '--dir', dir,
    '--appendonly', opts.persist === false ? 'no' : 'yes', '--appendfsync', 'everysec', '--save', '',
    '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });

  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}:\n${output.slice(-2000)}`)));
    child.once('error', reject);
  });
  child.stdout!.resume();
  child.stderr!.resume();

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `redis://127.0.0.1:${opts.port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
