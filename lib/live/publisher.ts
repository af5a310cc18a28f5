import type { Redis } from 'ioredis';
import { liveChannel } from './channel';
import type { LiveMessage } from './types';

/**
 * Sends live changes to every web process over Redis pub/sub. Called after a commit, never before:
 * what a browser sees has been stored. Messages published in the same tick go out as one PUBLISH
 * (a JSON array), in order. Publishing never throws and never waits: if Redis is down the messages
 * are dropped, and a browser that reconnects fills the gap from PostgreSQL (Last-Event-ID).
 */
export interface LivePublisher {
  publish(messages: LiveMessage | readonly LiveMessage[] | undefined): void;
  /** Resolves once everything published so far has been handed to Redis (or dropped). */
  flush(): Promise<void>;
}

/** At most this many messages wait for one tick; beyond it (Redis stalled) new ones are dropped. */
const MAX_PENDING = 10_000;

export function createLivePublisher(redis: Redis, prefix: string, onError?: (err: unknown) => void): LivePublisher {
  const channel = liveChannel(prefix);
  let pending: LiveMessage[] = [];
  let scheduled = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  const send = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    inFlight = redis.publish(channel, JSON.stringify(batch)).catch((err) => onError?.(err));
  };

  return {
    publish(messages) {
      if (!messages) return;
      const list = Array.isArray(messages) ? messages : [messages as LiveMessage];
      if (list.length === 0 || pending.length + list.length > MAX_PENDING) return;
      pending.push(...list);
      if (!scheduled) {
        scheduled = true;
        setImmediate(send);
      }
    },
    async flush() {
      if (scheduled) send();
      await inFlight;
    },
  };
}
