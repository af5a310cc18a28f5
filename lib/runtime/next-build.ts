import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Builds the Next.js app once (or when sources are newer than the build). */
export function ensureNextBuild(root: string, env: NodeJS.ProcessEnv): void {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (fs.existsSync(buildId) && !sourcesNewerThan(root, fs.statSync(buildId).mtimeMs)) return;
  process.stderr.write('Building the web app (first start only)...\n');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root, env: { ...env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('next build failed');
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
