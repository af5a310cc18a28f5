import type { Redis } from 'ioredis';
import { createRedis } from '@/lib/jobs/queues';
import { liveChannel } from './channel';
import type { LiveMessage } from './types';

export interface LiveListener {
  message(message: LiveMessage): void;
  /** The subscription was down for a while (Redis reconnected): messages may have been missed. */
  gap(): void;
}

/**
 * One Redis subscriber per web process, shared by every open stream: a message from any worker is
 * parsed once and handed to each listener in memory.
 */
export class LiveHub {
  private listeners = new Set<LiveListener>();
  private readonly redis: Redis;
  private wasReady = false;
  private lost = false;

  constructor(redisUrl: string, prefix: string) {
    const channel = liveChannel(prefix);
    this.redis = createRedis(redisUrl);
    this.redis.on('ready', () => {
      if (this.wasReady && this.lost) for (const l of this.listeners) l.gap();
      this.wasReady = true;
      this.lost = false;
    });
    this.redis.on('close', () => { this.lost = this.wasReady; });
    this.redis.on('message', (_channel: string, text: string) => this.deliver(text));
    void this.redis.subscribe(channel).catch(() => { /* retried by ioredis on reconnect */ });
  }

  private deliver(text: string): void {
    let batch: LiveMessage[];
    try {
      batch = JSON.parse(text) as LiveMessage[];
    } catch {
      return;
    }
    if (!Array.isArray(batch)) return;
    for (const listener of this.listeners) {
      for (const message of batch) listener.message(message);
    }
  }

  add(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  get size(): number {
    return this.listeners.size;
  }

  close(): void {
    this.listeners.clear();
    this.redis.disconnect();
  }
}

const holder = globalThis as typeof globalThis & { __causewayLiveHubs?: Map<string, LiveHub> };

/** The process's hub for this Redis and prefix, created on first use. */
export function getLiveHub(redisUrl: string, prefix: string): LiveHub {
  holder.__causewayLiveHubs ??= new Map();
  const key = `${redisUrl}|${prefix}`;
  let hub = holder.__causewayLiveHubs.get(key);
  if (!hub) {
    hub = new LiveHub(redisUrl, prefix);
    holder.__causewayLiveHubs.set(key, hub);
  }
  return hub;
}

/** Closes every hub of this process (tests, shutdown). */
export function closeLiveHubs(): void {
  for (const hub of holder.__causewayLiveHubs?.values() ?? []) hub.close();
  holder.__causewayLiveHubs?.clear();
}
