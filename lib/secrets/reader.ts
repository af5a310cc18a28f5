import type { Db } from '@/db/client';
import type { Env } from '@/lib/env';
import { storedSecretKey } from '@/lib/hooks/secret-key';
import { loadSecretValues } from './store';

/** How the worker reads secrets for a step: fresh each time, so a change applies to the next step. */
export interface SecretReader {
  load(): Promise<Map<string, string>>;
}

export function createSecretReader(db: Db, env: Pick<Env, 'CAUSEWAY_SECRET' | 'CAUSEWAY_DATA_DIR'>): SecretReader {
  return { load: async () => loadSecretValues({ db, key: await storedSecretKey(env) }) };
}
