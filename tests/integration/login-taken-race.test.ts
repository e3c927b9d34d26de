import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import { AppError } from '../../server/errors';
import { addUser } from '../../server/services/users';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/**
 * Two app servers (two handles with their own connections) adding the same login at the same
 * moment: one succeeds, the other is refused with errors.loginTaken — never a database error,
 * never two accounts. The write transaction serialises the check and the insert on both engines.
 */

let t: TestDatabase;
let second: DatabaseHandle;

beforeAll(async () => {
  t = await createTestDatabase();
  second = await openDatabase(
    'DATABASE_URL' in t.location
      ? { engine: 'postgres', url: t.location.DATABASE_URL }
      : { engine: 'sqlite', path: t.location.DATABASE_PATH },
  );
});

afterAll(async () => {
  await second.close();
  await t.cleanup();
});

describe(`a login taken at the same moment on two servers (${ENGINE})`, () => {
  it('gives it to one and refuses the other with errors.loginTaken', async () => {
    for (let round = 0; round < 5; round++) {
      const input = {
        login: `race${round}`,
        displayName: 'Гонка',
        role: 'viewer' as const,
        password: 'a long enough password',
      };
      const results = await Promise.allSettled([addUser(t.handle.db, null, input), addUser(second.db, null, input)]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(AppError);
      expect((refused[0] as AppError).messageKey).toBe('errors.loginTaken');
    }
  });
});
