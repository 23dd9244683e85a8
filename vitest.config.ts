import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file gets its own process and its own database; two cores, so two at a time.
    pool: 'forks',
    maxWorkers: 2,
  },
});
