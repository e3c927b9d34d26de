import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/context';
import { loadEnv, sessionPolicyOf } from '../../server/env';
import { createSession } from '../../server/services/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, startServer, type TestServer } from '../helpers/users';
import { versionsOf, writeStorm } from '../helpers/write-storm';

/**
 * `npm run db:backup -- PATH` run by an admin while planners keep saving: the copy must open,
 * pass `integrity_check` and be one moment of the roadmap, with no edit half in it.
 */

let t: TestDatabase;
let server: TestServer;
let dir: string;

beforeAll(async () => {
  t = createTestDatabase({ seed: true });
  server = await startServer(t.handle, t.path);
  dir = mkdtempSync(join(tmpdir(), 'roadmap-backup-'));
});

afterAll(async () => {
  await server?.close();
  t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function npmBackup(target: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const run = spawn('npm', ['run', '--silent', 'db:backup', '--', target], {
      env: { ...process.env, DATABASE_PATH: t.path, LOG_LEVEL: 'warn' },
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

it('copies a consistent database while edits keep being saved', async () => {
  const users = await createUsers(t.handle.db);
  const policy = sessionPolicyOf(loadEnv({}));
  const cookies = Array.from(
    { length: 4 },
    () => `${SESSION_COOKIE}=${createSession(t.handle.db, users.planner.id, policy).token}`,
  );
  const ids = (t.handle.sqlite.prepare('select id from milestones order by id').all() as { id: number }[]).map(
    (r) => r.id,
  );
  const base = versionsOf(t.handle, ids);
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
  const target = join(dir, 'roadmap-copy.db');
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
  expect(backup.output).toMatch(/integrity_check ok/);
  expect(result.unexpected).toEqual([]);

  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    // One moment: each milestone's version moved exactly as many times as its history says.
    const copied = copy.prepare('select id, version from milestones').all() as { id: number; version: number }[];
    const edits = copy.prepare(
      "select count(*) as n from history where milestone_id = ? and field = 'title' and reason like 'backup %'",
    );
    let inCopy = 0;
    for (const { id, version } of copied) {
      const n = (edits.get(id) as { n: number }).n;
      expect(version - (base.get(id) as number), `milestone ${id}`).toBe(n);
      inCopy += n;
    }
    // Saves were acknowledged both before and after the copy was taken.
    expect(inCopy).toBeGreaterThan(0);
    expect(result.acked.length).toBeGreaterThan(inCopy);
  } finally {
    copy.close();
  }
}, 60_000);

it('refuses to overwrite an existing file, and says why', async () => {
  const target = join(dir, 'taken.db');
  writeFileSync(target, 'not a database');
  const backup = await npmBackup(target);
  expect(backup.code).not.toBe(0);
  expect(backup.output).toMatch(/already exists/);
  expect(existsSync(`${target}.partial`)).toBe(false);
});
