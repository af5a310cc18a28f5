import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { MissingRedisError, startRedisServer } from '@/lib/runtime/redis-server';

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, WORKERS: 1, CAUSEWAY_DATA_DIR: '.data', CAUSEWAY_DEMO: 'on', CAUSEWAY_MAX_EVENT_BYTES: 1048576 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reports every bad value on its own line, naming the variable', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', WORKERS: '-1', CAUSEWAY_DEMO: 'maybe', CAUSEWAY_API_KEY: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvError);
    const lines = (error as Error).message.split('\n').slice(1);
    expect(lines).toHaveLength(5);
    for (const name of ['PORT', 'DATABASE_URL', 'WORKERS', 'CAUSEWAY_DEMO', 'CAUSEWAY_API_KEY']) {
      expect(lines.some((l) => l.trim().startsWith(`${name}=`))).toBe(true);
    }
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv({ PORT: '', REDIS_URL: '' }).PORT).toBe(3000);
  });

  it('says how to get Redis when redis-server is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRedisServer({ dataDir: '/tmp/never-used', port: 1 })).rejects.toThrow(MissingRedisError);
      await expect(startRedisServer({ dataDir: '/tmp/never-used', port: 1 })).rejects.toThrow(/apt-get install redis-server.*REDIS_URL/s);
    } finally {
      process.env.PATH = path;
    }
  });
});
