import { createDatabase, type Database } from '@/db/client';
import { loadEnv, type Env } from '@/lib/env';
import { createQueueSet, createProducer, type Producer, type QueueSet } from '@/lib/jobs/queues';
import { createLogger, type Logger } from '@/lib/logger';

/** What the web process's route handlers need, created once per process. */
export interface Services {
  env: Env;
  database: Database;
  queues: QueueSet;
  producer: Producer;
  logger: Logger;
}

const holder = globalThis as typeof globalThis & { __causewayServices?: Services };

export function createServices(env: Env, name = 'web'): Services {
  if (!env.DATABASE_URL || !env.REDIS_URL) {
    throw new Error('DATABASE_URL and REDIS_URL must be set (npm start sets them for the servers it starts)');
  }
  const database = createDatabase(env.DATABASE_URL, { max: 20 });
  const queues = createQueueSet(env.REDIS_URL, env.CAUSEWAY_QUEUE_PREFIX, { failFast: true });
  return { env, database, queues, producer: createProducer(queues), logger: createLogger(name, env.LOG_LEVEL) };
}

export function getServices(): Services {
  holder.__causewayServices ??= createServices(loadEnv());
  return holder.__causewayServices;
}

/** Lets tests run the route handlers against their own PostgreSQL and Redis. */
export function setServices(services: Services | undefined): void {
  holder.__causewayServices = services;
}
