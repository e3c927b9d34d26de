import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { rawRows } from '../../server/db/raw';
import { sessions, users as userTable } from '../../server/db/schema';
import { LoginThrottle } from '../../server/services/login-throttle';
import {
  createSession,
  hashToken,
  resolveSession,
  revokeSession,
  revokeUserSessions,
  type SessionPolicy,
} from '../../server/services/sessions';
import { resetPassword, setUserDisabled } from '../../server/services/users';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  callerAs,
  captureLog,
  cookieJarPort,
  createUser,
  createUsers,
  expectTRPCError,
  type TestUser,
  type TestUsers,
} from '../helpers/users';

/**
 * Sessions (expiry, revocation, what is stored), passwords (how they are stored, that they are
 * never logged) and logging in through auth.login with a request port that records cookies
 * and log calls. The login throttle keeps its failures in the database, which every test of
 * this file shares: each test fails from addresses (or at times) of its own.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const POLICY: SessionPolicy = { idleMs: 2 * HOUR, absoluteMs: 24 * HOUR };
const T0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
/** Failures recorded at a time long past lie outside the window of every login made now. */
const LONG_AGO = Date.UTC(2020, 0, 1);

let t: TestDatabase;
let users: TestUsers;
let disabled: TestUser;
let resetMe: TestUser;

beforeAll(async () => {
  t = await createTestDatabase();
  const [cast, d, r] = await Promise.all([
    createUsers(t.handle.db),
    createUser(t.handle.db, 'to-disable', 'planner'),
    createUser(t.handle.db, 'to-reset', 'planner'),
  ]);
  users = cast;
  disabled = d;
  resetMe = r;
});
afterAll(async () => await t?.cleanup());

async function sessionRow(token: string) {
  const [row] = await t.handle.db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)));
  return row;
}

/** Every row of a table as the driver returns it, for looking for a secret anywhere in it. */
const dumpTable = async (table: 'users' | 'history' | 'sessions') =>
  JSON.stringify(await rawRows(t.handle, sql.raw(`select * from ${table}`)));

describe('sessions', () => {
  it('resolves a fresh session to its user', async () => {
    const { token, expiresAt } = await createSession(t.handle.db, users.planner.id, POLICY, T0);
    expect(expiresAt.toISOString()).toBe(at(24 * HOUR).toISOString());
    expect(await resolveSession(t.handle.db, token, POLICY, at(MINUTE))).toEqual({
      id: users.planner.id,
      login: 'planner',
      displayName: 'Planner Pavel',
      role: 'planner',
    });
    expect(await resolveSession(t.handle.db, `${token}x`, POLICY, at(MINUTE))).toBeNull();
    expect(await resolveSession(t.handle.db, '', POLICY, at(MINUTE))).toBeNull();
  });

  it('ends after the idle time without use', async () => {
    const { token } = await createSession(t.handle.db, users.planner.id, POLICY, T0);
    expect(await resolveSession(t.handle.db, token, POLICY, at(2 * HOUR - 1))).not.toBeNull();
    // That use moved last-seen forward: idle time counts from there.
    expect(await resolveSession(t.handle.db, token, POLICY, at(4 * HOUR - 2))).not.toBeNull();
    expect(await resolveSession(t.handle.db, token, POLICY, at(6 * HOUR - 2))).toBeNull();
  });

  it('ends exactly at the idle limit when unused', async () => {
    const { token } = await createSession(t.handle.db, users.planner.id, POLICY, T0);
    expect(await resolveSession(t.handle.db, token, POLICY, at(2 * HOUR))).toBeNull();
  });

  it('ends at the absolute limit however busy', async () => {
    const { token } = await createSession(t.handle.db, users.planner.id, POLICY, T0);
    for (let elapsed = HOUR; elapsed < 24 * HOUR; elapsed += HOUR) {
      expect(await resolveSession(t.handle.db, token, POLICY, at(elapsed)), `after ${elapsed / HOUR} h`).not.toBeNull();
    }
    expect(await resolveSession(t.handle.db, token, POLICY, at(24 * HOUR - 1))).not.toBeNull();
    expect(await resolveSession(t.handle.db, token, POLICY, at(24 * HOUR))).toBeNull();
    expect(await resolveSession(t.handle.db, token, POLICY, at(24 * HOUR + MINUTE))).toBeNull();
  });

  it('ends when revoked, and stays ended', async () => {
    const { token } = await createSession(t.handle.db, users.planner.id, POLICY, T0);
    const other = await createSession(t.handle.db, users.planner.id, POLICY, T0);
    await revokeSession(t.handle.db, token, at(MINUTE));
    expect(await resolveSession(t.handle.db, token, POLICY, at(2 * MINUTE))).toBeNull();
    expect((await sessionRow(token))?.revokedAt).toBe(at(MINUTE).toISOString());
    // Revoking again keeps the first time; the other session of the same user lives on.
    await revokeSession(t.handle.db, token, at(3 * MINUTE));
    expect((await sessionRow(token))?.revokedAt).toBe(at(MINUTE).toISOString());
    expect(await resolveSession(t.handle.db, other.token, POLICY, at(2 * MINUTE))).not.toBeNull();
  });

  it('ends every session of a user on revokeUserSessions', async () => {
    const a = await createSession(t.handle.db, users.planner2.id, POLICY, T0);
    const b = await createSession(t.handle.db, users.planner2.id, POLICY, T0);
    const someoneElse = await createSession(t.handle.db, users.viewer.id, POLICY, T0);
    await t.handle.transaction((tx) => revokeUserSessions(tx, users.planner2.id, at(MINUTE)));
    expect(await resolveSession(t.handle.db, a.token, POLICY, at(2 * MINUTE))).toBeNull();
    expect(await resolveSession(t.handle.db, b.token, POLICY, at(2 * MINUTE))).toBeNull();
    expect(await resolveSession(t.handle.db, someoneElse.token, POLICY, at(2 * MINUTE))).not.toBeNull();
  });

  it('gives nothing for a disabled user, even after re-enabling (their sessions were ended)', async () => {
    const now = new Date();
    const { token } = await createSession(t.handle.db, disabled.id, POLICY, now);
    expect(await resolveSession(t.handle.db, token, POLICY, now)).not.toBeNull();
    await setUserDisabled(t.handle.db, null, disabled.login, true);
    expect(await resolveSession(t.handle.db, token, POLICY, now)).toBeNull();
    await setUserDisabled(t.handle.db, null, disabled.login, false);
    expect(await resolveSession(t.handle.db, token, POLICY, now)).toBeNull();
  });

  it('stores only the SHA-256 of the token: no column holds the token itself', async () => {
    const { token } = await createSession(t.handle.db, users.admin.id, POLICY, T0);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const row = await sessionRow(token);
    expect(row?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    for (const value of Object.values(row ?? {})) expect(String(value)).not.toContain(token);
    expect(await dumpTable('sessions')).not.toContain(token);
  });

  it('makes a different token for every session', async () => {
    const tokens = new Set<string>();
    for (let n = 0; n < 20; n += 1) tokens.add((await createSession(t.handle.db, users.admin.id, POLICY, T0)).token);
    expect(tokens.size).toBe(20);
  });
});

describe('passwords', () => {
  it('are stored as argon2id with the OWASP parameters, never in clear', async () => {
    const rows = await t.handle.db
      .select({ login: userTable.login, passwordHash: userTable.passwordHash })
      .from(userTable);
    const byLogin = new Map(rows.map((r) => [r.login, r.passwordHash]));
    for (const user of [users.viewer, users.planner, users.planner2, users.admin]) {
      const stored = byLogin.get(user.login)!;
      expect(stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
      expect(stored).not.toContain(user.password);
    }
    // Salted: the same kind of password never gives the same hash.
    expect(new Set(rows.map((r) => r.passwordHash)).size).toBe(rows.length);
    // Nowhere in the database either (the history of user creation included).
    for (const table of ['users', 'history', 'sessions'] as const) {
      const dump = await dumpTable(table);
      for (const user of [users.viewer, users.planner, users.admin]) expect(dump).not.toContain(user.password);
    }
  });

  it('a reset replaces the hash and ends the sessions', async () => {
    const { token } = await createSession(t.handle.db, resetMe.id, POLICY);
    await resetPassword(t.handle.db, null, resetMe.login, 'a brand new passphrase');
    expect(await resolveSession(t.handle.db, token, POLICY)).toBeNull();
    await expectTRPCError(
      callerAs(t.handle.db, null).auth.login({ login: resetMe.login, password: resetMe.password }),
      'UNAUTHORIZED',
      'errors.badCredentials',
    );
    const { port } = cookieJarPort();
    await expect(
      callerAs(t.handle.db, null, { request: port }).auth.login({
        login: resetMe.login,
        password: 'a brand new passphrase',
      }),
    ).resolves.toMatchObject({ login: resetMe.login });
  });
});

describe('auth.login', () => {
  it('returns the user, sets a session cookie that resolves, and logs the login without the password', async () => {
    const { log, calls } = captureLog();
    const { port, jar } = cookieJarPort('192.0.2.10');
    const caller = callerAs(t.handle.db, null, { request: { ...port, log } });
    const user = await caller.auth.login({ login: '  Planner ', password: users.planner.password });
    expect(user).toEqual({ id: users.planner.id, login: 'planner', displayName: 'Planner Pavel', role: 'planner' });
    expect(jar.token).toBeTruthy();
    expect(jar.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * HOUR);
    expect(await resolveSession(t.handle.db, jar.token!, POLICY)).toEqual(user);
    expect(calls.length).toBeGreaterThan(0);
    const logged = JSON.stringify(calls);
    expect(logged).not.toContain(users.planner.password);
    expect(logged).not.toContain(jar.token!);
  });

  it('gives a new token at every login and revokes the one presented', async () => {
    const first = cookieJarPort();
    await callerAs(t.handle.db, null, { request: first.port }).auth.login({
      login: 'viewer',
      password: users.viewer.password,
    });
    const second = cookieJarPort('127.0.0.1', first.jar.token);
    await callerAs(t.handle.db, null, { request: second.port }).auth.login({
      login: 'viewer',
      password: users.viewer.password,
    });
    expect(second.jar.token).toBeTruthy();
    expect(second.jar.token).not.toBe(first.jar.token);
    expect(await resolveSession(t.handle.db, first.jar.token!, POLICY)).toBeNull();
    expect((await sessionRow(first.jar.token!))?.revokedAt).not.toBeNull();
    expect((await resolveSession(t.handle.db, second.jar.token!, POLICY))?.login).toBe('viewer');

    // A token planted before login (session fixation) is never the one that comes back.
    const planted = 'planted-token-chosen-by-an-attacker';
    const third = cookieJarPort('127.0.0.1', planted);
    await callerAs(t.handle.db, null, { request: third.port }).auth.login({
      login: 'viewer',
      password: users.viewer.password,
    });
    expect(third.jar.token).not.toBe(planted);
    expect(await resolveSession(t.handle.db, planted, POLICY)).toBeNull();
  });

  it('answers a wrong password, an unknown login and a disabled account alike, and logs the login without the password', async () => {
    const { log, calls } = captureLog();
    const throttle = new LoginThrottle();
    await setUserDisabled(t.handle.db, null, disabled.login, true);
    const attempts = [
      { login: 'planner', password: 'Wrong-Password-123456' },
      { login: 'nobody-here', password: 'Unknown-Login-Password-987' },
      { login: disabled.login, password: disabled.password },
    ];
    const shapes = [];
    for (const [i, attempt] of attempts.entries()) {
      const { port, jar } = cookieJarPort(`198.51.100.${i + 1}`);
      const caller = callerAs(t.handle.db, null, { throttle, request: { ...port, log } });
      const error = await expectTRPCError(caller.auth.login(attempt), 'UNAUTHORIZED', 'errors.badCredentials');
      expect(jar.token).toBeNull();
      shapes.push({
        code: error.code,
        message: error.message,
        details: (error.cause as { details?: unknown }).details,
      });
    }
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);

    const failures = calls.filter((c) => c.level === 'warn');
    expect(failures).toHaveLength(3);
    for (const [i, attempt] of attempts.entries()) {
      const logged = JSON.stringify(failures[i]!.args);
      expect(logged).toContain(attempt.login);
      expect(logged).not.toContain(attempt.password);
    }
    const everything = JSON.stringify(calls);
    for (const attempt of attempts) expect(everything).not.toContain(attempt.password);
    await setUserDisabled(t.handle.db, null, disabled.login, false);
  });

  it('takes about as long for an unknown login as for a wrong password', async () => {
    const caller = callerAs(t.handle.db, null, { throttle: new LoginThrottle() });
    const time = async (login: string) => {
      const started = performance.now();
      await caller.auth.login({ login, password: 'some wrong password' }).catch(() => {});
      return performance.now() - started;
    };
    await time('nobody-warmup');
    // The fastest of a few tries, so one slow moment of a busy machine does not decide it.
    const fastest = async (login: string) => Math.min(await time(login), await time(login), await time(login));
    const unknown = await fastest('nobody-at-all');
    const known = await fastest('admin');
    // Both verify an argon2 hash; without the dummy hash the unknown login would answer in ~0 ms.
    expect(unknown).toBeGreaterThan(known / 4);
  });

  it('logout revokes the session behind the cookie and clears it', async () => {
    const login = cookieJarPort();
    const user = await callerAs(t.handle.db, null, { request: login.port }).auth.login({
      login: 'admin',
      password: users.admin.password,
    });
    const token = login.jar.token!;
    const logout = cookieJarPort('127.0.0.1', token);
    await callerAs(t.handle.db, user, { request: logout.port }).auth.logout();
    expect(logout.jar.cleared).toBe(1);
    expect(await resolveSession(t.handle.db, token, POLICY)).toBeNull();
  });
});

describe('login throttle', () => {
  it('refuses the 6th attempt from one address for one login, even with the right password', async () => {
    const throttle = new LoginThrottle();
    const from = (address: string) =>
      callerAs(t.handle.db, null, { throttle, request: cookieJarPort(address).port }).auth.login;
    for (let i = 0; i < 5; i += 1) {
      await expectTRPCError(
        from('203.0.113.7')({ login: 'planner2', password: `wrong guess ${i}` }),
        'UNAUTHORIZED',
        'errors.badCredentials',
      );
    }
    const limited = await expectTRPCError(
      from('203.0.113.7')({ login: 'planner2', password: users.planner2.password }),
      'TOO_MANY_REQUESTS',
      'errors.tooManyAttempts',
    );
    expect((limited.cause as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds).toBeGreaterThan(
      0,
    );
    // The planner, from their own address, still gets in.
    await expect(from('203.0.113.99')({ login: 'planner2', password: users.planner2.password })).resolves.toMatchObject(
      { login: 'planner2' },
    );
    // And the guesser's address may still log in as someone else.
    await expect(from('203.0.113.7')({ login: 'viewer', password: users.viewer.password })).resolves.toMatchObject({
      login: 'viewer',
    });
  });

  it('never locks a login out for a fresh address, whatever many addresses failed', async () => {
    const throttle = new LoginThrottle();
    const db = t.handle.db;
    for (let i = 0; i < 200; i += 1) {
      await throttle.recordFailure(db, `10.0.${Math.floor(i / 250)}.${i % 250}`, 'planner', LONG_AGO);
    }
    expect(await throttle.retryAfter(db, '10.9.9.9', 'planner', LONG_AGO + 1)).toBe(0);
    expect(await throttle.retryAfter(db, '10.0.0.1', 'planner', LONG_AGO + 1)).toBeGreaterThan(0);
  });

  it('forgets failures after the window, and a success clears the pair', async () => {
    const throttle = new LoginThrottle({ windowMs: 1000, perAddress: 100, perAddressAndLogin: 3, perLogin: 100 });
    const db = t.handle.db;
    for (let i = 0; i < 3; i += 1) await throttle.recordFailure(db, 'a', 'x', LONG_AGO);
    expect(await throttle.retryAfter(db, 'a', 'x', LONG_AGO + 10)).toBe(990);
    expect(await throttle.retryAfter(db, 'a', 'x', LONG_AGO + 1000)).toBe(0);
    for (let i = 0; i < 2; i += 1) await throttle.recordFailure(db, 'a', 'y', LONG_AGO + 2000);
    await throttle.recordSuccess(db, 'a', 'y');
    await throttle.recordFailure(db, 'a', 'y', LONG_AGO + 2001);
    expect(await throttle.retryAfter(db, 'a', 'y', LONG_AGO + 2002)).toBe(0);
  });

  it('counts the failures every app server saw: two throttles on one database refuse together', async () => {
    // A second connection to the same database and a throttle of its own, as a second app server has.
    const second = await openDatabase(t.handle.config);
    try {
      const serverA = callerAs(t.handle.db, null, {
        throttle: new LoginThrottle(),
        request: cookieJarPort('203.0.113.80').port,
      });
      const serverB = callerAs(second.db, null, {
        throttle: new LoginThrottle(),
        request: cookieJarPort('203.0.113.80').port,
      });
      const guess = (server: typeof serverA, n: number) =>
        expectTRPCError(
          server.auth.login({ login: 'admin', password: `wrong guess ${n}` }),
          'UNAUTHORIZED',
          'errors.badCredentials',
        );
      // Four failures split over the two servers, then a success on B: the pair starts afresh on A too.
      for (let n = 0; n < 4; n += 1) await guess(n % 2 === 0 ? serverA : serverB, n);
      await expect(serverB.auth.login({ login: 'admin', password: users.admin.password })).resolves.toMatchObject({
        login: 'admin',
      });
      // Five more, three on B and two on A: counted apart, neither server would have seen five
      // since the success (nor A five in all), so only shared counts refuse the sixth on both.
      for (let n = 0; n < 5; n += 1) await guess(n % 2 === 0 ? serverB : serverA, 10 + n);
      for (const server of [serverA, serverB]) {
        const limited = await expectTRPCError(
          server.auth.login({ login: 'admin', password: users.admin.password }),
          'TOO_MANY_REQUESTS',
          'errors.tooManyAttempts',
        );
        expect(
          (limited.cause as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds,
        ).toBeGreaterThan(14 * 60);
      }
    } finally {
      await second.close();
    }
  });

  it('treats the login case-insensitively (no bypass by capitals)', async () => {
    const throttle = new LoginThrottle();
    const caller = callerAs(t.handle.db, null, { throttle, request: cookieJarPort('203.0.113.50').port });
    for (const login of ['Viewer', 'VIEWER', 'viewer', 'vIEWER', ' viewer ']) {
      await expectTRPCError(caller.auth.login({ login, password: 'wrong again' }), 'UNAUTHORIZED');
    }
    await expectTRPCError(caller.auth.login({ login: 'ViEwEr', password: users.viewer.password }), 'TOO_MANY_REQUESTS');
  });
});
