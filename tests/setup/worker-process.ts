import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Env } from '../../lib/env';

const root = path.resolve(__dirname, '../..');
const KEEP_CHARS = 64_000;

export interface WorkerProcess {
  pid: number;
  /** Resolves once the worker has logged that it started (its queues are being consumed). */
  ready: Promise<void>;
  /** Resolves when the process (group leader) has exited, whatever the reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Signals the whole process group and waits for the exit. */
  kill(signal?: 'SIGKILL' | 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The tail of the process's stdout (pino JSON lines) and stderr, for debugging. */
  output(): string;
}

/** The context's configuration as the string environment a worker process reads. */
export function envForProcess(env: Env, overrides: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== null) out[key] = String(value);
  return { ...out, ...overrides };
}

/**
 * Spawns `worker/main.ts` as a real child process (its own process group, so a signal reaches
 * it and any children at once), configured only by environment variables, as in production.
 */
export function spawnWorker(env: Env, overrides: Record<string, string> = {}): WorkerProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...envForProcess(env, { LOG_LEVEL: 'info', ...overrides }) };
  // The test runner's own settings must not leak into the worker.
  for (const key of Object.keys(childEnv)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete childEnv[key];

  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: root,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not spawn the worker process');
  const pid = child.pid;

  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > KEEP_CHARS * 2) log = log.slice(-KEEP_CHARS);
  };
  let markReady: () => void;
  let failReady: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => { markReady = resolve; failReady = reject; });
  let started = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    append(chunk);
    if (!started && log.includes('"msg":"worker started"')) {
      started = true;
      markReady();
    }
  });
  child.stderr!.on('data', append);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      if (!started) failReady(new Error(`worker process exited before it started (code ${code}, signal ${signal}):\n${log.slice(-4000)}`));
      resolve({ code, signal });
    });
  });
  ready.catch(() => {});

  return {
    pid,
    ready,
    exited,
    async kill(signal = 'SIGKILL') {
      try {
        process.kill(-pid, signal);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
      return exited;
    },
    output: () => log,
  };
}
