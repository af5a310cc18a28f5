import type { Services } from '@/lib/server/services';
import type { ReceiveDeps } from './receive';
import { storedSecretKey } from './secret-key';
import type { HookStore } from './service';

/** The hook services' dependencies, from the web process's services. */
export async function hookDeps(services: Services): Promise<HookStore & ReceiveDeps> {
  return {
    db: services.database.db,
    key: await storedSecretKey(services.env),
    producer: services.producer,
    logger: services.logger,
    maxBytes: services.env.CAUSEWAY_MAX_EVENT_BYTES,
    now: () => new Date(),
  };
}

/** The origin endpoint URLs are built on: the one the request came in on. */
export function requestOrigin(request: Request): string {
  return new URL(request.url).origin;
}
