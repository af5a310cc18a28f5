import fs from 'node:fs';
import path from 'node:path';
import { inheritedEnv, spawnGroup } from '../process-group';
import { repoRoot } from '../stack';
import type { BenchCase } from './context';
import { editorFigures, lastJson, withBaselines } from './editor-figures';

const SCRIPT = path.join(repoRoot, 'bench', 'editor.ts');

/** Runs bench/editor.ts (written with the editor) on its own and reports the JSON it prints; skipped when absent. */
export const editorCase: BenchCase = {
  name: 'editor',
  title: 'Editor: 1,000-node workflow in Chromium',
  usesInfra: false,
  async run(ctx) {
    if (!fs.existsSync(SCRIPT)) {
      ctx.log('bench/editor.ts does not exist yet; the editor figures are skipped');
      ctx.results.profile.editor = 'skipped: bench/editor.ts not present';
      return;
    }
    const child = spawnGroup('editor-bench', process.execPath, ['--import', 'tsx', SCRIPT, ...(ctx.config.smoke ? ['--smoke'] : [])], {
      env: inheritedEnv(), cwd: repoRoot,
    });
    const stop = ctx.cleanup.add(child.name, () => child.stop());
    try {
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ctx.config.editor.timeoutMs).unref());
      const code = await Promise.race([child.exited, timeout]);
      if (code === 'timeout') throw new Error(`bench/editor.ts did not finish within ${ctx.config.editor.timeoutMs / 1000} s`);
      if (code !== 0) throw new Error(`bench/editor.ts exited with ${code}:\n${child.output().slice(-2000)}`);
      const printed = lastJson(child.stdout());
      const figures = withBaselines(editorFigures(printed));
      if (figures.length === 0) throw new Error(`bench/editor.ts printed no figures:\n${child.output().slice(-1000)}`);
      for (const figure of figures) ctx.results.add('editor', figure);
      ctx.results.profile.editor = printed;
    } finally {
      await stop();
    }
  },
};
