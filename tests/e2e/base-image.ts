/**
 * `node --import tsx tests/e2e/base-image.ts` with DATABASE_PATH or DATABASE_URL: makes that
 * (new, empty) database the base image of the isolated servers (tests/e2e/global-setup.ts):
 * migrated and seeded as on a first start, with the users of fixtures/users.ts added through
 * the same service the users CLI calls. Each isolated server then starts on a copy and skips
 * the seed and three CLI processes: about ten seconds of two busy cores per spec file.
 */
import { migrateDatabase, openDatabase } from '../../server/db/client';
import { databaseConfigOf } from '../../server/db/engine';
import { loadEnv } from '../../server/env';
import { seedIfEmpty } from '../../server/services/seed/run';
import { addUser } from '../../server/services/users';
import { PASSWORD, USERS } from './fixtures/users';

const handle = await openDatabase(databaseConfigOf(loadEnv()));
try {
  await migrateDatabase(handle);
  if (!(await seedIfEmpty(handle.db))) throw new Error('base-image: the database was not empty');
  for (const user of Object.values(USERS)) {
    await addUser(handle.db, null, {
      login: user.login,
      displayName: user.name,
      role: user.role,
      password: PASSWORD,
    });
  }
} finally {
  // Closed, a SQLite file has folded its WAL in (one file is the whole database), and a
  // PostgreSQL template has no connection left open, which would stop it being copied.
  await handle.close();
}
