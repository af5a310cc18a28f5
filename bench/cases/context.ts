import type { Cleanup } from '../cleanup';
import type { BenchConfig } from '../config';
import type { Results } from '../figures';
import type { Infra } from '../infra';

export interface CaseContext {
  infra: Infra;
  cleanup: Cleanup;
  config: BenchConfig;
  results: Results;
  log(line: string): void;
}

export interface BenchCase {
  name: string;
  title: string;
  /** Cases whose figures this one uses as baselines; they run first. */
  needs?: string[];
  /** False when the case brings its own servers (the editor benchmark). */
  usesInfra?: boolean;
  run(ctx: CaseContext): Promise<void>;
}
