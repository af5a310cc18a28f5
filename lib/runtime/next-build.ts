import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Builds the Next.js app when there is no build or sources are newer than it. Several processes
 * (parallel test files) may ask at once: a lock directory lets one build while the others wait.
 */
export function ensureNextBuild(root: string, env: NodeJS.ProcessEnv): void {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const fresh = () => fs.existsSync(buildId) && !sourcesNewerThan(root, fs.statSync(buildId).mtimeMs);
  if (fresh()) return;
  const lock = path.join(root, '.next-build.lock');
  acquire(lock);
  try {
    if (fresh()) return;
    process.stderr.write('Building the web app...\n');
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      cwd: root, env: { ...env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) throw new Error('next build failed (run `npx next build` to see why)');
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function acquire(lock: string): void {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed build
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

function sourcesNewerThan(root: string, since: number): boolean {
  const stack = ['app', 'components', 'lib', 'db'].map((d) => path.join(root, d));
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (fs.statSync(full).mtimeMs > since) return true;
    }
  }
  return false;
}
