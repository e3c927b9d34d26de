import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';
import { migrateDatabase, openDatabase } from '../../server/db/client';
import { seedIfEmpty } from '../../server/services/seed/run';
import { databaseUrl, templateName } from '../helpers/test-db';
import { createUsers } from '../helpers/users';

/**
 * vitest globalSetup of a PostgreSQL run: the migrated and the seeded base databases, built
 * once before any test file, from which every test database is copied (CREATE DATABASE …
 * TEMPLATE: a file copy on the server, ~30 ms). A SQLite run needs nothing here.
 */
export default async function setup() {
  const base = process.env.DATABASE_URL;
  if (!base) return;
  for (const kind of ['empty', 'seeded'] as const) {
    const name = templateName(kind);
    await dropDatabase(base, name);
    await createDatabase(base, name);
    const handle = await openDatabase({ engine: 'postgres', url: databaseUrl(base, name) });
    try {
      await migrateDatabase(handle);
      if (kind === 'seeded') {
        if (!(await seedIfEmpty(handle.db))) throw new Error('the seeded base was not empty');
        await createUsers(handle.db);
      }
    } finally {
      // A template with a connection open cannot be copied.
      await handle.close();
    }
  }
}
