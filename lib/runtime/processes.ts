import { spawn, type ChildProcess } from 'node:child_process';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM to the process group, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a child in its own process group so it and all its children can be stopped together. */
export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ManagedProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try { process.kill(-child.pid!, signal); } catch { /* already gone */ }
  };
  return {
    name,
    child,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
