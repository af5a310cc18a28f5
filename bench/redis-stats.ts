import type { Redis } from 'ioredis';

export type CommandCounts = Record<string, number>;

/** Calls per command since the server started (`INFO commandstats`). */
export async function commandCounts(redis: Redis): Promise<CommandCounts> {
  const info = await redis.info('commandstats');
  const counts: CommandCounts = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

export function diffCounts(before: CommandCounts, after: CommandCounts): CommandCounts {
  const diff: CommandCounts = {};
  for (const [name, calls] of Object.entries(after)) {
    const delta = calls - (before[name] ?? 0);
    if (delta > 0) diff[name] = delta;
  }
  return diff;
}

export const totalCalls = (counts: CommandCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
