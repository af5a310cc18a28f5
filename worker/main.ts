import { loadEnv } from '@/lib/env';
import { startWorkerRuntime } from './runtime';

async function main() {
  const runtime = await startWorkerRuntime(loadEnv());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`worker: ${signal}, finishing running steps\n`);
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
