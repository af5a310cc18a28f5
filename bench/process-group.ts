import { spawn } from 'node:child_process';

export interface GroupProcess {
  name: string;
  pid: number;
  /** Resolves when `readyPattern` appears in the output (immediately when none is given). */
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** The exit code once the process has exited (null after a signal), undefined while it runs. */
  exitCode(): number | null | undefined;
  /** The tail of the output (stdout and stderr), for error messages. */
  output(): string;
  /** The tail of stdout alone. */
  stdout(): string;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const KEEP = 32_000;

/**
 * Like lib/runtime/processes.ts `startProcess` (own process group, group-wide stop), but with the
 * output piped: the harness waits for a ready line and keeps benchmark tables free of server logs.
 * Lines that look like errors are passed on to stderr.
 */
export function spawnGroup(name: string, command: string, args: string[], opts: {
  env: NodeJS.ProcessEnv; cwd: string; readyPattern?: RegExp; readyTimeoutMs?: number;
}): GroupProcess {
  const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const pid = child.pid;
  let log = '';
  let out = '';
  let pending = '';
  let hasExited = false;
  let code: number | null | undefined;
  let markReady: () => void = () => {};
  let failReady: (err: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => { markReady = resolve; failReady = reject; });
  ready.catch(() => {});
  if (!opts.readyPattern) markReady();
  const onChunk = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-KEEP);
    if (opts.readyPattern?.test(log)) markReady();
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (looksLikeError(line)) process.stderr.write(`[${name}] ${line.slice(0, 2000)}\n`);
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-KEEP);
    onChunk(chunk);
  });
  child.stderr!.on('data', onChunk);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => {
    hasExited = true;
    code = exitCode;
    failReady(new Error(`${name} exited (code ${exitCode}) before it was ready:\n${log.slice(-3000)}`));
    resolve(exitCode);
  }));
  const timer = setTimeout(() => failReady(new Error(`${name} was not ready after ${(opts.readyTimeoutMs ?? 120_000) / 1000} s:\n${log.slice(-3000)}`)), opts.readyTimeoutMs ?? 120_000);
  void ready.then(() => clearTimeout(timer), () => clearTimeout(timer));

  const signal = (sig: NodeJS.Signals) => {
    try { process.kill(-pid, sig); } catch { /* already gone */ }
  };
  return {
    name,
    pid,
    ready,
    exited,
    exitCode: () => code,
    output: () => log,
    stdout: () => out,
    async stop(graceMs = 10_000) {
      if (!hasExited) {
        signal('SIGTERM');
        const kill = setTimeout(() => signal('SIGKILL'), graceMs);
        await exited;
        clearTimeout(kill);
      }
      signal('SIGKILL'); // stragglers left in the group (esbuild service, next's helpers)
    },
  };
}

function looksLikeError(line: string): boolean {
  if (line.startsWith('{')) {
    const level = /"level":(\d+)/.exec(line);
    return level !== null && Number(level[1]) >= 40;
  }
  return /\b(error|Error|ERR|failed)\b/.test(line);
}

/** This process's environment for a child, without the test runner's settings, plus `extra`. */
export function inheritedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
  return env;
}
