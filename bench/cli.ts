import { parseArgs } from 'node:util';

export interface CliOptions {
  names: string[];
  smoke: boolean;
  runs?: number;
  outDir?: string;
  /** Write V8 CPU profiles of the worker and web processes here. */
  cpuProfDir?: string;
  help: boolean;
}

export const usage = `Usage: npm run bench -- [--smoke] [--runs N] [--out DIR] [name ...]

Names: baseline, ingest, e2e-1step, e2e-10step, e2e-1step-http, e2e-latency, step-overhead, fanout, memory,
       editor, e2e (the five end-to-end cases), all (the default).
A case also runs the cases whose figures it uses as baselines.
  --smoke    tiny counts and durations (a few seconds per case)
  --runs N   runs for the memory benchmark (default 100000, smoke 2000)
  --out DIR  where latest.json and latest.md go (default bench/results)
  --cpu-prof write V8 CPU profiles of every worker and web process to <out>/profiles/
             (open them in Chrome DevTools or speedscope)`;

export function parseCli(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      smoke: { type: 'boolean', default: false },
      runs: { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  let runs: number | undefined;
  if (values.runs !== undefined) {
    runs = Number(values.runs.replace(/_/g, ''));
    if (!Number.isInteger(runs) || runs < 2) throw new Error(`--runs must be a whole number of at least 2, got ${values.runs}`);
  }
  return {
    names: positionals, smoke: values.smoke ?? false, runs, outDir: values.out, help: values.help ?? false,
    cpuProfDir: values['cpu-prof'] ? 'profiles' : undefined,
  };
}
