import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().min(1);

export const envSchema = z.object({
  PORT: port.default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  WORKER_CONCURRENCY: positiveInt.max(1000).default(50),
  CAUSEWAY_DATA_DIR: z.string().min(1).default('.data'),
  CAUSEWAY_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CAUSEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CAUSEWAY_DEMO: z.enum(['on', 'off']).default('on'),
  CAUSEWAY_MAX_EVENT_BYTES: positiveInt.default(1024 * 1024),
  CAUSEWAY_HTTP_ALLOW: z.string().default(''),
  CAUSEWAY_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('causeway'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Validates the environment once; every bad value gets its own line. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `  ${name}=${JSON.stringify(cleaned[name] ?? '')}: ${issue.message}`;
  });
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
}

let cached: Env | undefined;

/** The process environment, parsed once. The only place that reads process.env. */
export function loadEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
