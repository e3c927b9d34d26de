import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // One file at a time: the CSV memory test measures RSS growth, which other files' work on
    // the 2 cores distorts (120 MB seen in parallel, 20–30 MB alone).
    fileParallelism: false,
    testTimeout: 20000,
  },
});
