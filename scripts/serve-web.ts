/**
 * The web role's process, started by `npm start`, `npm run web`, the tests and the benchmarks:
 * `node --import tsx scripts/serve-web.ts --port N [--hostname H]`.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';

async function main() {
  const { values } = parseArgs({ options: { port: { type: 'string' }, hostname: { type: 'string' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`--port must be a port number, got ${values.port}`);
  Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
  const { startWebServer } = await import('@/lib/runtime/web-server');
  const web = await startWebServer({ dir: path.resolve(import.meta.dirname, '..'), port, hostname: values.hostname });
  process.stdout.write(`web listening on http://${values.hostname ?? 'localhost'}:${port}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void web.close().finally(() => process.exit(0));
    });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
