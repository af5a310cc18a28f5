import { bullmqBaseline } from './baseline-bullmq';
import { postgresBaseline } from './baseline-postgres';
import type { BenchCase } from './context';

export const baselineCase: BenchCase = {
  name: 'baseline',
  title: 'Baselines: raw BullMQ and raw PostgreSQL on the same servers',
  async run(ctx) {
    await bullmqBaseline(ctx);
    await postgresBaseline(ctx);
  },
};
