import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit tests of lib/events without the root config's globalSetup (which starts databases).
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('../../../', import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL('../../../', import.meta.url)),
    include: ['tests/unit/events/**/*.test.ts'],
  },
});
