/** `npm run web`: the web role alone, against DATABASE_URL and REDIS_URL (runs migrations first). */
import { spawn } from 'node:child_process';
import { runMigrations } from '@/db/migrate';
import { EnvError, parseEnv } from '@/lib/env';
import { ensureNextBuild } from '@/lib/runtime/next-build';
import { webServerArgs } from '@/lib/runtime/web-command';

async function main() {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL || !env.REDIS_URL) throw new EnvError('npm run web needs DATABASE_URL and REDIS_URL (npm start runs everything locally)');
  await runMigrations(env.DATABASE_URL);
  const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  ensureNextBuild(process.cwd(), childEnv);
  const child = spawn(process.execPath, webServerArgs(process.cwd(), env.PORT), { env: childEnv, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
