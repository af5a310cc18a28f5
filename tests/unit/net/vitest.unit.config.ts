import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Stand-alone config for the lib/net unit tests: no global setup (no database, no Redis).
// Run: npx vitest run --config tests/unit/net/vitest.unit.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  test: {
    include: ['tests/unit/net/**/*.test.ts'],
    testTimeout: 10_000,
    pool: 'forks',
  },
});
