import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Reads a generated secret from the data dir, creating it (mode 600) on first use. */
export async function persistentSecret(dataDir: string, name: string, make: () => string = () => randomBytes(32).toString('base64url')): Promise<string> {
  const file = path.join(dataDir, name);
  const existing = await fs.readFile(file, 'utf8').then((s) => s.trim(), () => '');
  if (existing) return existing;
  const value = make();
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}
