import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each worker holds PGlite instances of ~100 MB; two cores want two workers.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
