import { takeUpTo } from '@/lib/batching';
import { appendEvents, type AppendDeps } from './append';
import type { AppendResult, NewEvent } from './types';

interface Waiting {
  events: NewEvent[];
  resolve(results: AppendResult[]): void;
  reject(err: unknown): void;
}

const MAX_EVENTS_PER_INSERT = 1000;

/**
 * Group commit for concurrent producers: while one insert is in flight, the events that arrive
 * wait and then go in together as one insert, one commit and one enqueue. A lone request is not
 * delayed at all; under load the commits per second stop being the limit.
 */
export function createGroupAppend(deps: AppendDeps): (events: NewEvent[]) => Promise<AppendResult[]> {
  const queue: Waiting[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    while (queue.length > 0) {
      const group = takeUpTo(queue, (w) => w.events.length, MAX_EVENTS_PER_INSERT);
      try {
        const results = await appendEvents(deps, group.flatMap((w) => w.events));
        let offset = 0;
        for (const w of group) {
          w.resolve(results.slice(offset, offset + w.events.length));
          offset += w.events.length;
        }
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    draining = false;
  }

  return (events) => new Promise<AppendResult[]>((resolve, reject) => {
    queue.push({ events, resolve, reject });
    if (!draining) void drain();
  });
}
