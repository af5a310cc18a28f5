import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

interface BenchFigure { id: string; value: number; ratio?: number; baseline?: { id: string } }
interface BenchReport { mode: string; cases: { name: string; ok: boolean; error?: string }[]; figures: BenchFigure[] }

/**
 * The benchmark harness in smoke mode, as a child process with its own PostgreSQL and Redis: the
 * baselines, the 1-step end-to-end case and fan-out. It must stop by itself, exit 0 and write
 * results whose figures are positive and carry their baselines.
 */
describe('npm run bench -- --smoke', () => {
  let outDir = '';
  let group: number | undefined;

  afterAll(async () => {
    if (group !== undefined) {
      try { process.kill(-group, 'SIGKILL'); } catch { /* it ended by itself */ }
    }
    if (outDir) await fs.rm(outDir, { recursive: true, force: true });
  });

  it('runs the baselines, a 1-step end-to-end case and fan-out, and writes positive figures', async () => {
    outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'causeway-bench-smoke-'));
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', outDir, 'baseline', 'e2e-1step', 'fanout'], {
      cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    group = child.pid;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    group = undefined;

    expect(code, output.slice(-4000)).toBe(0);
    const report = JSON.parse(await fs.readFile(path.join(outDir, 'latest.json'), 'utf8')) as BenchReport;
    expect(report.mode).toBe('smoke');
    expect(report.cases.map((c) => [c.name, c.ok])).toEqual([['baseline', true], ['e2e-1step', true], ['fanout', true]]);
    await expect(fs.stat(path.join(outDir, 'latest.md'))).resolves.toBeTruthy();

    const figure = (id: string) => {
      const found = report.figures.find((f) => f.id === id);
      expect(found, `figure ${id}`).toBeDefined();
      expect(Number.isFinite(found!.value) && found!.value > 0, `${id} = ${found!.value}`).toBe(true);
      return found!;
    };
    for (const id of ['bullmq.addBulk', 'bullmq.drain', 'bullmq.latency.p50', 'bullmq.latency.p99', 'pg.insert', 'fanout.single']) figure(id);
    for (const id of ['e2e.1step.1w.runs', 'e2e.1step.2w.runs']) {
      const f = figure(id);
      expect(f.baseline?.id).toBe('bullmq.drain');
      expect(f.ratio).toBeGreaterThan(0);
    }
    expect(figure('fanout.all').baseline?.id).toBe('fanout.single');
    expect(figure('profile.1step.writes').value).toBeGreaterThan(1);
    expect(figure('profile.1step.redis').value).toBeGreaterThan(0);
    expect(output).toContain('one event -> all 20 runs ended');
  }, 150_000);
});
