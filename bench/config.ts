/** Sizes of every benchmark: full (`npm run bench`) and smoke (`--smoke`, a few seconds per case). */
export interface BenchConfig {
  smoke: boolean;
  bullmq: { bulkJobs: number; bulkChunk: number; concurrency: number; latencyRate: number; latencySeconds: number };
  pgInsert: { connections: number; seconds: number };
  ingest: { concurrencies: number[]; seconds: number; warmupRequests: number };
  e2e: { oneStepRuns: number; tenStepRuns: number; workerCounts: number[]; batchSize: number; timeoutMs: number };
  latency: { seconds: number };
  overhead: { chainLength: number; runs: number };
  fanout: { workflows: number; reps: number };
  memory: { runs: number; concurrency: number; maxBacklog: number; sampleMs: number };
  editor: { timeoutMs: number };
  warmupRuns: number;
  /** When set, worker and web processes write V8 CPU profiles into this directory. */
  cpuProfDir?: string;
}

export function benchConfig(opts: { smoke: boolean; memoryRuns?: number; cpuProfDir?: string }): BenchConfig {
  const smoke = opts.smoke;
  return {
    smoke,
    bullmq: smoke
      ? { bulkJobs: 5_000, bulkChunk: 1_000, concurrency: 50, latencyRate: 200, latencySeconds: 1 }
      : { bulkJobs: 50_000, bulkChunk: 1_000, concurrency: 50, latencyRate: 200, latencySeconds: 10 },
    pgInsert: { connections: 4, seconds: smoke ? 1.5 : 10 },
    ingest: { concurrencies: [10, 50], seconds: smoke ? 2 : 15, warmupRequests: smoke ? 100 : 1_000 },
    e2e: smoke
      ? { oneStepRuns: 300, tenStepRuns: 50, workerCounts: [1, 2], batchSize: 500, timeoutMs: 90_000 }
      : { oneStepRuns: 5_000, tenStepRuns: 1_000, workerCounts: [1, 2], batchSize: 500, timeoutMs: 600_000 },
    latency: { seconds: smoke ? 2 : 15 },
    overhead: { chainLength: 40, runs: smoke ? 3 : 10 },
    fanout: { workflows: 20, reps: smoke ? 2 : 5 },
    memory: { runs: opts.memoryRuns ?? (smoke ? 2_000 : 100_000), concurrency: 10, maxBacklog: 2_000, sampleMs: smoke ? 250 : 1_000 },
    editor: { timeoutMs: smoke ? 180_000 : 600_000 },
    warmupRuns: smoke ? 10 : 50,
    cpuProfDir: opts.cpuProfDir,
  };
}
