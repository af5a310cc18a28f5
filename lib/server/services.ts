import { createDatabase, type Database } from '@/db/client';
import { loadEnv, type Env } from '@/lib/env';
import { createQueueSet, createProducer, type Producer, type QueueSet } from '@/lib/jobs/queues';
import { createLogger, type Logger } from '@/lib/logger';
import { createGroupAppend } from '@/lib/events/group-append';
import type { AppendResult, NewEvent } from '@/lib/events/types';

/** What the web process's route handlers need, created once per process. */
export interface Services {
  env: Env;
  database: Database;
  queues: QueueSet;
  producer: Producer;
  logger: Logger;
  /** Appends events to the log; concurrent requests share inserts (group commit). */
  append(events: NewEvent[]): Promise<AppendResult[]>;
}

const holder = globalThis as typeof globalThis & { __causewayServices?: Services };

export function createServices(env: Env, name = 'web'): Services {
  if (!env.DATABASE_URL || !env.REDIS_URL) {
    throw new Error('DATABASE_URL and REDIS_URL must be set (npm start sets them for the servers it starts)');
  }
  const database = createDatabase(env.DATABASE_URL, { max: 20 });
  const queues = createQueueSet(env.REDIS_URL, env.CAUSEWAY_QUEUE_PREFIX, { failFast: true });
  const producer = createProducer(queues);
  const logger = createLogger(name, env.LOG_LEVEL);
  const append = createGroupAppend({
    db: database.db, producer, onEnqueueError: (err) => logger.warn({ err }, 'route enqueue failed; the reconciler will route'),
  });
  return { env, database, queues, producer, logger, append };
}

export function getServices(): Services {
  holder.__causewayServices ??= createServices(loadEnv());
  return holder.__causewayServices;
}

/** Lets tests run the route handlers against their own PostgreSQL and Redis. */
export function setServices(services: Services | undefined): void {
  holder.__causewayServices = services;
}
