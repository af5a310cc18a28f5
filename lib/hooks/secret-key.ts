import path from 'node:path';
import type { Env } from '@/lib/env';
import { persistentSecret } from '@/lib/runtime/secrets-file';
import { deriveSecretKey } from './secret-box';

const keys = new Map<string, Buffer>();

/**
 * The key for stored secrets: from CAUSEWAY_SECRET, which `npm start` always sets; a web role
 * started alone without it uses (or creates) the same file in the data dir that `npm start` does.
 */
export async function storedSecretKey(env: Pick<Env, 'CAUSEWAY_SECRET' | 'CAUSEWAY_DATA_DIR'>): Promise<Buffer> {
  const secret = env.CAUSEWAY_SECRET ?? await persistentSecret(path.resolve(env.CAUSEWAY_DATA_DIR), 'secret');
  let key = keys.get(secret);
  if (!key) {
    key = deriveSecretKey(secret);
    keys.set(secret, key);
  }
  return key;
}
