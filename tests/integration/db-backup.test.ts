import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';
import { SESSION_COOKIE } from '../../server/context';
import { openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import { postgresTool } from '../../server/db/pg/backup';
import { rawRows } from '../../server/db/raw';
import { milestones } from '../../server/db/schema';
import { loadEnv, sessionPolicyOf } from '../../server/env';
import { createSession } from '../../server/services/sessions';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/test-db';
import { createUsers, startServer, type TestServer } from '../helpers/users';
import { versionsOf, writeStorm } from '../helpers/write-storm';

/**
 * `npm run db:backup -- PATH` run by an admin while planners keep saving: the copy must be
 * readable and be one moment of the roadmap, with no edit half in it. SQLite: the copy is a
 * database file that passes `integrity_check`. PostgreSQL: it is a pg_dump archive that
 * pg_restore lists and restores into an empty database.
 */

let t: TestDatabase;
let server: TestServer;
let dir: string;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  server = await startServer(t);
  dir = mkdtempSync(join(tmpdir(), 'roadmap-backup-'));
});

afterAll(async () => {
  await server?.close();
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function npmBackup(target: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const run = spawn('npm', ['run', '--silent', 'db:backup', '--', target], {
      env: { ...process.env, ...t.location, LOG_LEVEL: 'warn' },
    });
    let output = '';
    run.stdout.on('data', (chunk) => {
      output += chunk;
    });
    run.stderr.on('data', (chunk) => {
      output += chunk;
    });
    run.on('error', reject);
    run.on('exit', (code) => resolve({ code, output }));
  });
}

/** Per milestone of a copy: its version and the storm's title edits its history holds (SQL both engines read). */
const EDITS_PER_MILESTONE = `select m.id, m.version,
  (select count(*) from history h where h.milestone_id = m.id and h.field = 'title' and h.reason like 'backup %') as edits
  from milestones m order by m.id`;
const HISTORY_ROWS = 'select count(*) as n from history';
const ACCOUNT_EVENTS = 'select count(*) as n from account_events';

interface CopiedMilestone {
  id: number;
  version: number;
  edits: number;
}

interface Copy {
  milestones: CopiedMilestone[];
  historyRows: number;
  accountEvents: number;
}

const toCopied = (rows: Record<string, unknown>[]): CopiedMilestone[] =>
  rows.map((r) => ({ id: Number(r.id), version: Number(r.version), edits: Number(r.edits) }));

/** The SQLite copy, opened read-only: a sound file with no dangling reference. */
function readSqliteCopy(target: string): Copy {
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    return {
      milestones: toCopied(copy.prepare(EDITS_PER_MILESTONE).all() as Record<string, unknown>[]),
      historyRows: Number((copy.prepare(HISTORY_ROWS).get() as { n: number }).n),
      accountEvents: Number((copy.prepare(ACCOUNT_EVENTS).get() as { n: number }).n),
    };
  } finally {
    copy.close();
  }
}

/** The archive, listed by pg_restore and restored into a database of its own (dropped afterwards). */
async function readPostgresCopy(target: string): Promise<Copy> {
  const list = spawnSync(postgresTool('pg_restore'), ['--list', target], { encoding: 'utf8' });
  expect(list.status, list.stderr).toBe(0);
  for (const table of ['milestones', 'history', 'citations', 'users', 'account_events']) {
    expect(list.stdout).toContain(`TABLE DATA public ${table}`);
  }
  const base = process.env.DATABASE_URL as string;
  const name = `restored_${process.pid}`;
  await dropDatabase(base, name);
  await createDatabase(base, name);
  try {
    const url = databaseUrl(base, name);
    const restore = spawnSync(
      postgresTool('pg_restore'),
      ['--exit-on-error', '--no-owner', `--dbname=${url}`, target],
      {
        encoding: 'utf8',
      },
    );
    expect(restore.status, restore.stderr).toBe(0);
    const restored = await openDatabase({ engine: 'postgres', url });
    try {
      const [history] = await rawRows<{ n: string }>(restored, sql.raw(HISTORY_ROWS));
      const [events] = await rawRows<{ n: string }>(restored, sql.raw(ACCOUNT_EVENTS));
      return {
        milestones: toCopied(await rawRows(restored, sql.raw(EDITS_PER_MILESTONE))),
        historyRows: Number(history?.n),
        accountEvents: Number(events?.n),
      };
    } finally {
      await restored.close();
    }
  } finally {
    await dropDatabase(base, name);
  }
}

it('copies a consistent database while edits keep being saved', async () => {
  const users = await createUsers(t.handle.db);
  const policy = sessionPolicyOf(loadEnv({}));
  const cookies: string[] = [];
  for (let n = 0; n < 4; n++) {
    cookies.push(`${SESSION_COOKIE}=${(await createSession(t.handle.db, users.planner.id, policy)).token}`);
  }
  const ids = (await t.handle.db.select({ id: milestones.id }).from(milestones).orderBy(asc(milestones.id))).map(
    (r) => r.id,
  );
  const base = await versionsOf(t.handle, ids);
  const stop = new AbortController();
  let acked = 0;
  const storm = writeStorm({
    baseUrl: server.baseUrl,
    cookies,
    milestoneIds: ids,
    versions: base,
    editsPerClient: 100_000,
    tag: 'backup',
    signal: stop.signal,
    onAck: (n) => {
      acked = n;
    },
  });
  const target = join(dir, ENGINE === 'sqlite' ? 'roadmap-copy.db' : 'roadmap-copy.dump');
  let backup: Awaited<ReturnType<typeof npmBackup>>;
  try {
    // Let the saves get going, so the copy is taken in the middle of them, and go on after it.
    while (acked < 5) await new Promise((r) => setTimeout(r, 20));
    backup = await npmBackup(target);
    const after = acked;
    while (acked < after + 5) await new Promise((r) => setTimeout(r, 20));
  } finally {
    stop.abort();
  }
  const result = await storm;
  expect(backup.code, backup.output).toBe(0);
  expect(result.unexpected).toEqual([]);
  expect(existsSync(`${target}.partial`)).toBe(false);

  const copy = ENGINE === 'sqlite' ? readSqliteCopy(target) : await readPostgresCopy(target);
  expect(copy.milestones.map((m) => m.id)).toEqual(ids);
  // One moment: each milestone's version moved exactly as many times as its history says.
  let inCopy = 0;
  for (const { id, version, edits } of copy.milestones) {
    expect(version - (base.get(id) as number), `milestone ${id}`).toBe(edits);
    inCopy += edits;
  }
  // Saves were acknowledged both before and after the copy was taken.
  expect(inCopy).toBeGreaterThan(0);
  expect(result.acked.length).toBeGreaterThan(inCopy);
  // The admins' account log goes with it (the cast's accounts were added through the service).
  const [events] = await rawRows<{ n: string }>(t.handle, sql.raw(ACCOUNT_EVENTS));
  expect(copy.accountEvents).toBeGreaterThan(0);
  expect(copy.accountEvents).toBe(Number(events?.n));
  // What the admin is told is what the copy holds.
  expect(backup.output).toContain(`${copy.milestones.length} milestones, ${copy.historyRows} history rows`);
}, 60_000);

it('refuses to overwrite an existing file, and says why', async () => {
  const target = join(dir, 'taken.db');
  writeFileSync(target, 'not a database');
  const backup = await npmBackup(target);
  expect(backup.code).not.toBe(0);
  expect(backup.output).toMatch(/already exists/);
  expect(existsSync(`${target}.partial`)).toBe(false);
});
