import type { Services } from '@/lib/server/services';
import { getLiveHub, type LiveHub } from './hub';
import { createLivePublisher, type LivePublisher } from './publisher';

const publishers = new WeakMap<Services, LivePublisher>();

/** The web process's publisher (for changes committed by route handlers: retry, cancel). */
export function webPublisher(services: Services): LivePublisher {
  let publisher = publishers.get(services);
  if (!publisher) {
    publisher = createLivePublisher(services.queues.connection, services.env.CAUSEWAY_QUEUE_PREFIX,
      (err) => services.logger.debug({ err }, 'live publish dropped'));
    publishers.set(services, publisher);
  }
  return publisher;
}

export function webHub(services: Services): LiveHub {
  return getLiveHub(services.env.REDIS_URL!, services.env.CAUSEWAY_QUEUE_PREFIX);
}
