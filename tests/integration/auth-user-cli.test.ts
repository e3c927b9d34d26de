import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { callerAs, cookieJarPort, countRows, expectTRPCError } from '../helpers/users';

/**
 * `npm run user` (server/cli/user.ts) run as a real process against a real database file,
 * the password on standard input. tsx is started from node_modules/.bin, which is what
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

function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: t.path, NODE_ENV: 'test' },
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

beforeAll(() => {
  // An empty migrated database; the CLI migrates again (a no-op) and writes to the same file.
  t = createTestDatabase();
});
afterAll(() => t?.cleanup());

describe('npm run user', () => {
  // Each run starts tsx (~1 s), so runs that do not depend on each other go side by side.
  it('add then list: the user is there, hashed, and the password is printed nowhere; a short password exits 2', async () => {
    const added = await run(['add', '--login', 'cli-user', '--name', 'Cli User', '--role', 'planner'], `${PASSWORD}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added cli-user (planner).');
    expectNoPassword(added, PASSWORD);

    const users = countRows(t.handle, 'users');
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
    expect(countRows(t.handle, 'users')).toBe(users);
    expect(countRows(t.handle, 'users', "login = 'shorty'")).toBe(0);

    const row = t.handle.sqlite.prepare("select password_hash from users where login = 'cli-user'").get() as {
      password_hash: string;
    };
    expect(row.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(row.password_hash).not.toContain(PASSWORD);
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
    const sessions = t.handle.sqlite
      .prepare(
        "select count(*) as n from sessions s join users u on u.id = s.user_id where u.login = 'cli-user' and s.revoked_at is null",
      )
      .get() as { n: number };
    expect(sessions.n).toBe(0);
    // Each change is in the history, made by nobody logged in (the server's own command line).
    const rows = t.handle.sqlite
      .prepare("select reason, user_id from history where entity = 'user' order by id")
      .all() as { reason: string; user_id: number | null }[];
    expect(rows).toEqual([
      { reason: 'user.add', user_id: null },
      { reason: 'user.set-role', user_id: null },
      { reason: 'user.disable', user_id: null },
    ]);
  }, 30_000);
});
