import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, startPostgres } from '../../scripts/postgres.mjs';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../../server/db/client';
import { copyDatabase } from '../../server/db/copy';
import { ENGINE } from '../../server/db/engine';
import { rawRows } from '../../server/db/raw';
import { tablesOf } from '../../server/db/schema';
import { resolveSession } from '../../server/services/sessions';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/test-db';
import { callerAs, cookieJarPort, createUsers, type TestUsers } from '../helpers/users';

/**
 * `db:copy` moves a whole roadmap to the other engine and back: every table, history and
 * sessions included, checked row by row; a target that holds anything is refused.
 */

const OTHER = ENGINE === 'sqlite' ? 'postgres' : 'sqlite';
let t: TestDatabase;
let users: TestUsers;
let token: string;
let cluster: { url: string; stop(): Promise<void> } | null = null;
const cleanups: (() => Promise<void>)[] = [];
let made = 0;

/** A new, migrated, empty database of `engine`. */
async function emptyDatabase(engine: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  made += 1;
  let handle: DatabaseHandle;
  if (engine === 'postgres') {
    // npm test hands the SQLite run its cluster; alone, the file brings one of its own.
    let base = process.env.DATABASE_URL ?? process.env.TEST_POSTGRES_URL;
    if (!base) {
      cluster ??= await startPostgres({ log: () => {} });
      base = cluster.url;
    }
    const name = `copy_${process.pid}_${made}`;
    await createDatabase(base, name);
    handle = await openDatabase({ engine: 'postgres', url: databaseUrl(base, name) });
    cleanups.push(async () => {
      await handle.close();
      await dropDatabase(base, name);
    });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'roadmap-copy-'));
    handle = await openDatabase({ engine: 'sqlite', path: join(dir, 'copy.db') });
    cleanups.push(async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  await migrateDatabase(handle);
  return handle;
}

async function counts(handle: DatabaseHandle) {
  const tables = [
    'users',
    'account_events',
    'sessions',
    'milestones',
    'citations',
    'history',
    'login_failures',
    'app_meta',
  ];
  const result: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await rawRows<{ n: number | string }>(handle, sql.raw(`select count(*) as n from ${table}`));
    result[table] = Number(row?.n);
  }
  return result;
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  // A planner's change (history, a citation), a live session and a failed login: all must move.
  const jar = cookieJarPort('198.51.100.4');
  const planner = callerAs(t.handle.db, null, { request: jar.port });
  const me = await planner.auth.login({ login: 'planner', password: users.planner.password });
  token = jar.jar.token as string;
  const [first] = await planner.milestone.list({});
  await callerAs(t.handle.db, me).milestone.update({
    id: first!.id,
    version: first!.version,
    reason: 'Перенос офиса',
    status: 'at_risk',
    citation: { newSource: { title: 'Служебная записка', publisher: 'Офис' }, quote: 'Срок под угрозой.' },
  });
  await callerAs(t.handle.db, null, { request: cookieJarPort('198.51.100.5').port })
    .auth.login({ login: 'viewer', password: 'not the password' })
    .catch(() => {});
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await t.cleanup();
  await cluster?.stop();
});

describe(`db:copy from ${ENGINE} to ${OTHER} and back`, () => {
  it('copies every table, history and sessions included, and the copy back serves the same roadmap', async () => {
    const before = await counts(t.handle);
    expect(before.history).toBeGreaterThan(12);
    expect(before.sessions).toBe(1);
    expect(before.login_failures).toBeGreaterThan(0);
    expect(before.account_events).toBeGreaterThan(0);

    const there = await emptyDatabase(OTHER);
    const copied = await copyDatabase(t.handle, there);
    expect(copied.find((c) => c.table === 'history')?.rows).toBe(before.history);
    // Every table of the schema, none left behind.
    expect(copied.map((c) => c.table).sort()).toEqual(
      Object.values(tablesOf[ENGINE])
        .map((table) => getTableName(table))
        .sort(),
    );
    expect(await counts(there)).toEqual(before);

    const back = await emptyDatabase(ENGINE);
    const returned = await copyDatabase(there, back);
    // Same rows, same checksums, whichever engine held them in between.
    expect(returned).toEqual(copied);

    // The roadmap as a user sees it, on the copy: the same milestone, history and a session that still opens.
    const [first] = await callerAs(t.handle.db, null).milestone.list({});
    const original = await callerAs(t.handle.db, null).milestone.byId({ id: first!.id });
    const moved = await callerAs(back.db, null).milestone.byId({ id: first!.id });
    expect(moved).toEqual(original);
    const sessionUser = await resolveSession(back.db, token, { idleMs: 3_600_000, absoluteMs: 86_400_000 });
    expect(sessionUser?.login).toBe('planner');

    // New rows on the copy get new ids: the identity sequences moved past the copied ones.
    const created = await callerAs(back.db, sessionUser).milestone.create({
      title: 'Новая веха после переноса',
      workstreamId: moved.workstream!.id,
      reason: 'Проверка после переноса',
      citation: { sourceId: original.citations[0]!.source.id, quote: 'Цитата для проверки' },
    });
    expect(created.id).toBeGreaterThan(
      Math.max(...(await callerAs(t.handle.db, null).milestone.list({})).map((m) => m.id)),
    );
  });

  it('refuses a target that is not empty, and leaves it as it was', async () => {
    const there = await emptyDatabase(OTHER);
    await copyDatabase(t.handle, there);
    const before = await counts(there);
    await expect(copyDatabase(t.handle, there)).rejects.toThrow(/not empty/);
    expect(await counts(there)).toEqual(before);
  });
});
