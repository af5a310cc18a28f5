import type { Services } from '@/lib/server/services';
import { secretDeps } from './deps';
import { maskSecrets } from './mask';
import { loadSecretValues } from './store';

/**
 * For data stored by code that does not know about secrets (webhook deliveries: a workflow may send
 * a secret to one of our own endpoints): masked on the way out, with the secrets of now.
 */
export async function maskStoredSecrets<T>(services: Services, value: T): Promise<T> {
  return maskSecrets(value, await loadSecretValues(await secretDeps(services)));
}
