import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history, sessions, users } from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { callerAs, cookieJarPort, countRows, createUser, expectTRPCError, type TestUser } from '../helpers/users';

/**
 * `npm run user` (server/cli/user.ts) run as a real process against the test's database (its
 * SQLite file or its PostgreSQL database), the password on standard input. tsx is started from node_modules/.bin, which is what
 * `npx tsx` resolves to, without npx's own start-up.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const CLI = 'server/cli/user.ts';
const PASSWORD = 'cli-Secret-Passphrase-4711';
const SHORT = 'Short-9x';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let t: TestDatabase;
let admin: TestUser;

function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...t.location, NODE_ENV: 'test' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function expectNoPassword(result: Run, ...passwords: string[]) {
  for (const password of passwords) {
    expect(result.stdout).not.toContain(password);
    expect(result.stderr).not.toContain(password);
  }
}

async function tryLogin(password: string) {
  return callerAs(t.handle.db, null, { request: cookieJarPort().port }).auth.login({ login: 'cli-user', password });
}

beforeAll(async () => {
  // A migrated database with one admin, the office's own: the CLI's user is never the last one
  // (the last active admin cannot be disabled). The CLI migrates again (a no-op) and writes to it.
  t = await createTestDatabase();
  admin = await createUser(t.handle.db, 'office-admin', 'admin');
});
afterAll(async () => await t?.cleanup());

describe('npm run user', () => {
  // Each run starts tsx (~1 s), so runs that do not depend on each other go side by side.
  it('add then list: the user is there, hashed, and the password is printed nowhere; a short password exits 2', async () => {
    const added = await run(['add', '--login', 'cli-user', '--name', 'Cli User', '--role', 'planner'], `${PASSWORD}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added cli-user (planner).');
    expectNoPassword(added, PASSWORD);

    const userCount = await countRows(t.handle, 'users');
    const [listed, short] = await Promise.all([
      run(['list']),
      run(['add', '--login', 'shorty', '--name', 'Shorty', '--role', 'viewer'], `${SHORT}\n`),
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.split('\n')).toContain('cli-user\tplanner\tactive\tCli User');
    expectNoPassword(listed, PASSWORD);
    expect(listed.stdout).not.toMatch(/argon2/);

    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 10 characters/);
    expectNoPassword(short, SHORT);
    expect(await countRows(t.handle, 'users')).toBe(userCount);
    expect(await countRows(t.handle, 'users', "login = 'shorty'")).toBe(0);

    const [row] = await t.handle.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.login, 'cli-user'));
    expect(row?.passwordHash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(row?.passwordHash).not.toContain(PASSWORD);
    await expect(tryLogin(PASSWORD)).resolves.toMatchObject({ login: 'cli-user', role: 'planner' });
  }, 30_000);

  it('set-role and disable: the list shows them, and a disabled user cannot log in', async () => {
    const login = cookieJarPort();
    await callerAs(t.handle.db, null, { request: login.port }).auth.login({ login: 'cli-user', password: PASSWORD });
    expect(login.jar.token).toBeTruthy();

    // One after the other: two writing processes at once can fail today (see edit-concurrent-writers.test.ts).
    const promoted = await run(['set-role', '--login', 'cli-user', '--role', 'admin']);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('cli-user is now admin.');
    const disabled = await run(['disable', '--login', 'cli-user']);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.stdout).toContain('cli-user disabled.');

    const listed = await run(['list']);
    expect(listed.stdout.split('\n')).toContain('cli-user\tadmin\tdisabled\tCli User');

    await expectTRPCError(tryLogin(PASSWORD), 'UNAUTHORIZED', 'errors.badCredentials');
    // The session opened before was ended with the account.
    const [open] = await t.handle.db
      .select({ n: count() })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(users.login, 'cli-user'), isNull(sessions.revokedAt)));
    expect(open?.n).toBe(0);
    // Each change is in the admins' account log, naming the account, made by nobody logged in
    // (the server's own command line); the public roadmap history holds none of them.
    const events = await callerAs(t.handle.db, admin).user.events({});
    expect(
      events.rows
        .filter((e) => e.user.login === 'cli-user')
        .reverse()
        .map((e) => ({ action: e.action, toRole: e.toRole, user: e.user.displayName, actor: e.actor })),
    ).toEqual([
      { action: 'added', toRole: 'planner', user: 'Cli User', actor: null },
      { action: 'role_changed', toRole: 'admin', user: 'Cli User', actor: null },
      { action: 'disabled', toRole: null, user: 'Cli User', actor: null },
    ]);
    const [cliUser] = await t.handle.db.select({ id: users.id }).from(users).where(eq(users.login, 'cli-user'));
    const [inHistory] = await t.handle.db
      .select({ n: count() })
      .from(history)
      .where(and(eq(history.entity, 'user'), eq(history.entityId, cliUser!.id)));
    expect(Number(inHistory?.n)).toBe(0);

    // The command line reads the same log, newest first.
    const log = await run(['log']);
    expect(log.code, log.stderr).toBe(0);
    const lines = log.stdout
      .split('\n')
      .filter((l) => l.includes('\tcli-user\t'))
      .map((l) => l.split('\t').slice(1));
    expect(lines).toEqual([
      ['cli-user', 'disabled', '', '(command line)'],
      ['cli-user', 'role_changed', 'planner->admin', '(command line)'],
      ['cli-user', 'added', '->planner', '(command line)'],
    ]);
  }, 60_000);
});
