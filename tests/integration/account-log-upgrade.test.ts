import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import type { PostgresHandle } from '../../server/db/pg/connection';
import { rawExecute, rawRows } from '../../server/db/raw';
import type { SqliteHandle } from '../../server/db/sqlite/connection';
import { databaseUrl } from '../helpers/test-db';
import { callerAs } from '../helpers/users';

/**
 * A database kept before the account log, whose history holds account events as the earlier
 * version wrote them (entity 'user', reasons user.add, user.set-role, …), is upgraded on the
 * next start: the events move to the account log in their order, with their time, author and
 * roles; the roadmap's own history rows stay untouched; history is append-only again afterwards.
 * The earlier version is the migrations folder without the account log's migration.
 */

const MIGRATIONS = resolve(import.meta.dirname, '../../migrations', ENGINE === 'postgres' ? 'pg' : 'sqlite');
const ACCOUNT_LOG_MIGRATION = /_account_events\.sql$/;

let dir: string;
let handle: DatabaseHandle;
let dropDb: () => Promise<void> = async () => {};

/** The migrations folder as the version before the account log had it. */
function earlierMigrations(): string {
  const folder = join(dir, 'migrations');
  cpSync(MIGRATIONS, folder, { recursive: true, filter: (path) => !ACCOUNT_LOG_MIGRATION.test(path) });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => !e.tag.endsWith('_account_events'));
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roadmap-account-upgrade-'));
  const folder = earlierMigrations();
  if (ENGINE === 'postgres') {
    const base = process.env.DATABASE_URL as string;
    const name = `account_upgrade_${process.pid}`;
    await dropDatabase(base, name);
    await createDatabase(base, name);
    handle = await openDatabase({ engine: 'postgres', url: databaseUrl(base, name) });
    await migratePg(drizzlePg((handle as PostgresHandle).pool), { migrationsFolder: folder });
    dropDb = () => dropDatabase(base, name);
  } else {
    handle = await openDatabase({ engine: 'sqlite', path: join(dir, 'old.db') });
    migrateSqlite(drizzleSqlite((handle as SqliteHandle).sqlite), { migrationsFolder: folder });
  }
});

afterAll(async () => {
  await handle?.close();
  await dropDb();
  rmSync(dir, { recursive: true, force: true });
});

const exec = (query: ReturnType<typeof sql>) => rawExecute(handle, query);

/** The database's own words for a refused statement (drizzle wraps them as the cause). */
async function refusal(query: ReturnType<typeof sql>): Promise<string> {
  const error = await exec(query).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the database refused the statement').toBeInstanceOf(Error);
  const cause = (error as Error).cause;
  return cause instanceof Error ? cause.message : (error as Error).message;
}

describe(`upgrading a ${ENGINE} database whose history holds account events`, () => {
  it('moves them to the account log in order and leaves the roadmap history as it was', async () => {
    // What the earlier version left: two accounts, their events in the history, and one
    // roadmap change between them.
    await exec(sql`insert into users (id, login, display_name, role, password_hash, created_at) values
      (1, 'boss', 'Boss Bella', 'admin', 'x', '2026-01-01T00:00:00.000Z'),
      (2, 'anna', 'Anna Planner', 'planner', 'x', '2026-01-02T00:00:00.000Z')`);
    await exec(sql`insert into sources (id, title, created_at) values (1, 'A source', '2026-01-01T00:00:00.000Z')`);
    const row = (
      id: number,
      at: string,
      userId: number | null,
      entity: string,
      entityId: number,
      action: string,
      field: string | null,
      from: string | null,
      to: string | null,
      reason: string,
    ) =>
      exec(sql`insert into history (id, at, user_id, entity, entity_id, action, field, from_value, to_value, reason)
        values (${id}, ${at}, ${userId}, ${entity}, ${entityId}, ${action}, ${field}, ${from}, ${to}, ${reason})`);
    await row(
      1,
      '2026-01-01T00:00:00.000Z',
      null,
      'user',
      1,
      'create',
      null,
      null,
      '{"login":"boss","displayName":"Boss Bella","role":"admin"}',
      'user.add',
    );
    await row(
      2,
      '2026-01-02T00:00:00.000Z',
      1,
      'user',
      2,
      'create',
      null,
      null,
      '{"login":"anna","displayName":"Anna Planner","role":"viewer"}',
      'user.add',
    );
    await row(
      3,
      '2026-01-03T00:00:00.000Z',
      1,
      'source',
      1,
      'create',
      null,
      null,
      '{"title":"A source"}',
      'Found in the news',
    );
    await row(4, '2026-01-04T00:00:00.000Z', 1, 'user', 2, 'update', 'role', '"viewer"', '"planner"', 'user.set-role');
    await row(5, '2026-01-05T00:00:00.000Z', 1, 'user', 2, 'update', 'disabled', 'false', 'true', 'user.disable');
    await row(6, '2026-01-06T00:00:00.000Z', null, 'user', 2, 'update', 'disabled', 'true', 'false', 'user.enable');
    await row(7, '2026-01-07T00:00:00.000Z', 1, 'user', 2, 'update', 'password', null, null, 'user.reset-password');

    // The next start migrates: only the account log's migration is left to apply.
    await migrateDatabase(handle);

    const events = await rawRows<Record<string, unknown>>(
      handle,
      sql`select at, actor_id, user_id, action, from_role, to_role from account_events order by id`,
    );
    expect(
      events.map((e) => ({
        ...e,
        actor_id: e.actor_id === null ? null : Number(e.actor_id),
        user_id: Number(e.user_id),
      })),
    ).toEqual([
      {
        at: '2026-01-01T00:00:00.000Z',
        actor_id: null,
        user_id: 1,
        action: 'added',
        from_role: null,
        to_role: 'admin',
      },
      { at: '2026-01-02T00:00:00.000Z', actor_id: 1, user_id: 2, action: 'added', from_role: null, to_role: 'viewer' },
      {
        at: '2026-01-04T00:00:00.000Z',
        actor_id: 1,
        user_id: 2,
        action: 'role_changed',
        from_role: 'viewer',
        to_role: 'planner',
      },
      { at: '2026-01-05T00:00:00.000Z', actor_id: 1, user_id: 2, action: 'disabled', from_role: null, to_role: null },
      { at: '2026-01-06T00:00:00.000Z', actor_id: null, user_id: 2, action: 'enabled', from_role: null, to_role: null },
      {
        at: '2026-01-07T00:00:00.000Z',
        actor_id: 1,
        user_id: 2,
        action: 'password_reset',
        from_role: null,
        to_role: null,
      },
    ]);
    const history = await rawRows<{ id: number; reason: string }>(
      handle,
      sql`select id, reason from history order by id`,
    );
    expect(history.map((h) => [Number(h.id), h.reason])).toEqual([[3, 'Found in the news']]);

    // As the admins read it: the account named, and who did it.
    const boss = { id: 1, login: 'boss', displayName: 'Boss Bella', role: 'admin' as const };
    const log = await callerAs(handle.db, boss).user.events({});
    expect(log.rows[0]).toMatchObject({
      action: 'password_reset',
      user: { login: 'anna', displayName: 'Anna Planner' },
      actor: { login: 'boss' },
    });

    // History is append-only again, and the account log is too.
    expect(await refusal(sql`delete from history where id = 3`)).toMatch(/append-only/);
    expect(await refusal(sql`update history set reason = 'rewritten' where id = 3`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from account_events`)).toMatch(/append-only/);
    expect(await refusal(sql`update account_events set action = 'enabled'`)).toMatch(/append-only/);
    expect(await rawRows(handle, sql`select id from history`)).toHaveLength(1);
  });
});
