import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeFeedOf, publishChange, type RoadmapChange } from '../../server/db/change-feed';
import { type DatabaseHandle, openDatabase } from '../../server/db/client';
import { writeTransaction } from '../../server/db/transaction';
import { setUserRole } from '../../server/services/users';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, type TestUsers } from '../helpers/users';

/**
 * A change is announced as part of the transaction that makes it: heard when that commits, never
 * when it rolls back, and not before the commit (a page that refetched on hearing it would
 * otherwise read the old roadmap). On PostgreSQL the listener is a second handle, as another app
 * server would be; on SQLite the feed is the process's own.
 */

let t: TestDatabase;
let other: DatabaseHandle;
let users: TestUsers;
let heard: RoadmapChange[];
let off: () => void;

const change = (at: string): RoadmapChange => ({ milestoneId: null, version: null, at });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  other = t.handle.engine === 'postgres' ? await openDatabase(t.handle.config) : t.handle;
  heard = [];
  off = changeFeedOf(other.db).subscribe((c) => heard.push(c));
  // Listening (a LISTEN of its own on PostgreSQL) has begun once a committed change is heard;
  // one sent before it began is lost, as it would be for a page that had not yet subscribed.
  await expect
    .poll(async () => {
      await writeTransaction(t.handle.db, (tx) => publishChange(tx, change('ready')));
      await pause(50);
      return heard.length > 0;
    })
    .toBe(true);
  await pause(100);
  heard.length = 0;
});

afterEach(async () => {
  off();
  if (other !== t.handle) await other.close();
  await t.cleanup();
});

describe('announcing a change', () => {
  it('is heard after the commit, not while the transaction is still open', async () => {
    await writeTransaction(t.handle.db, async (tx) => {
      await publishChange(tx, change('committed'));
      await pause(150);
      expect(heard).toEqual([]);
    });
    await expect.poll(() => heard.map((c) => c.at)).toEqual(['committed']);
  });

  it('is never heard when its transaction rolls back', async () => {
    const failed = writeTransaction(t.handle.db, async (tx) => {
      await publishChange(tx, change('rolled back'));
      throw new Error('refused after the announcement');
    });
    await expect(failed).rejects.toThrow('refused after the announcement');
    // A later commit is heard, and alone: nothing of the rolled back one came before it.
    await writeTransaction(t.handle.db, (tx) => publishChange(tx, change('after')));
    await expect.poll(() => heard.map((c) => c.at)).toEqual(['after']);
  });

  it('comes from the services inside their transaction: a role change is heard by the other server', async () => {
    const demoted = await setUserRole(t.handle.db, null, users.planner.login, 'viewer');
    expect(demoted.role).toBe('viewer');
    await expect.poll(() => heard.map((c) => c.accountId)).toEqual([users.planner.id]);
  });
});
