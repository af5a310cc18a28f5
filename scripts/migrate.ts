import { runMigrations } from '@/db/migrate';
import { parseEnv } from '@/lib/env';

const env = parseEnv(process.env);
if (!env.DATABASE_URL) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(1);
}
await runMigrations(env.DATABASE_URL);
process.stderr.write('migrations applied\n');
