import { defineConfig } from 'vitest/config';

/**
 * The engine is the environment's: DATABASE_URL set runs every server test on PostgreSQL
 * (scripts/test.mjs runs the suite once per engine). Files run in parallel, each test on a
 * database of its own; the CSV memory test measures RSS growth, which other files' work on
 * 2 cores distorts, so it runs alone in a project of its own (`--project memory`).
 */
const MEMORY = 'tests/integration/csv-export-memory.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30000,
    hookTimeout: 30000,
    globalSetup: ['tests/setup/postgres-templates.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: [MEMORY],
          // Files share one process instead of reloading the server's modules each: 268 → 156 s
          // on SQLite. A file leaves globals as it found them (docs/decisions/0012).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'memory', include: [MEMORY] } },
    ],
  },
});
