import { storedSecretKey } from '@/lib/hooks/secret-key';
import type { Services } from '@/lib/server/services';
import type { SecretDeps } from './store';

export async function secretDeps(services: Services): Promise<SecretDeps> {
  return { db: services.database.db, key: await storedSecretKey(services.env) };
}
