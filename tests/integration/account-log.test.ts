import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import { loadEnv } from '../../server/env';
import { buildApp } from '../../server/http/app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  callerAs,
  countRows,
  createUser,
  createUsers,
  expectTRPCError,
  getTrpc,
  postTrpc,
  sessionCookieOf,
  type TestUser,
  type TestUsers,
  trpcData,
  writeCounts,
} from '../helpers/users';

/**
 * Account events (a user added, a role changed, an account disabled or enabled, a password
 * reset) are the admins' business: they are written to the account log, which names the user
 * and the admin and which only admins read, and no longer to the public roadmap history nor its
 * CSV. A user's own open page hears that its account changed (live feed; on PostgreSQL from
 * another app server), so it can drop the controls its role no longer allows; nobody else's does.
 */

interface Server {
  baseUrl: string;
  close(): Promise<void>;
}

let t: TestDatabase;
let users: TestUsers;
const servers: Server[] = [];
const handles: DatabaseHandle[] = [];

/** An app server with connections of its own on the test's database, as a second process would have. */
async function startOn(location: TestDatabase['location']): Promise<Server> {
  const env = loadEnv({ ...location, LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent' });
  const handle = await openDatabase(
    'DATABASE_URL' in location
      ? { engine: 'postgres', url: location.DATABASE_URL }
      : { engine: 'sqlite', path: location.DATABASE_PATH },
  );
  handles.push(handle);
  const app = await buildApp({ env, database: handle });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl, close: () => app.close() };
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  servers.push(await startOn(t.location));
  // On PostgreSQL the change is made on one server and heard on the other (NOTIFY); on SQLite
  // the feed is one process's, so one server does both.
  if (ENGINE === 'postgres') servers.push(await startOn(t.location));
});

afterAll(async () => {
  for (const server of servers) await server.close();
  for (const handle of handles) await handle.close();
  await t.cleanup();
});

const admin = () => callerAs(t.handle.db, users.admin);

async function logIn(server: Server, user: TestUser): Promise<string> {
  const answer = await postTrpc(server.baseUrl, 'auth.login', { login: user.login, password: user.password });
  expect(answer.status, answer.text).toBe(200);
  return sessionCookieOf(answer) as string;
}

describe('the account log', () => {
  it('records what an admin does to an account, naming the user and the admin; the history holds none of it', async () => {
    const historyBefore = await countRows(t.handle, 'history');
    const created = await admin().user.create({
      login: 'log-subject',
      displayName: 'Subject Sofia',
      role: 'viewer',
      password: 'a long enough password',
    });
    await admin().user.setRole({ login: 'log-subject', role: 'planner' });
    await admin().user.setDisabled({ login: 'log-subject', disabled: true });
    await admin().user.setDisabled({ login: 'log-subject', disabled: false });
    await admin().user.resetPassword({ login: 'log-subject', password: 'another long password' });

    const { rows } = await admin().user.events({ limit: 500 });
    const mine = rows.filter((r) => r.user.id === created.id);
    // Newest first, each naming the account and who did it.
    expect(
      mine.map((r) => ({ action: r.action, from: r.fromRole, to: r.toRole, user: r.user, by: r.actor?.login })),
    ).toEqual([
      { action: 'password_reset', from: null, to: null, user: expect.any(Object), by: 'admin' },
      { action: 'enabled', from: null, to: null, user: expect.any(Object), by: 'admin' },
      { action: 'disabled', from: null, to: null, user: expect.any(Object), by: 'admin' },
      { action: 'role_changed', from: 'viewer', to: 'planner', user: expect.any(Object), by: 'admin' },
      { action: 'added', from: null, to: 'viewer', user: expect.any(Object), by: 'admin' },
    ]);
    expect(mine[0]?.user).toEqual({ id: created.id, login: 'log-subject', displayName: 'Subject Sofia' });
    expect(mine[0]?.actor).toEqual({ id: users.admin.id, login: 'admin', displayName: users.admin.displayName });
    expect(JSON.stringify(rows)).not.toMatch(/password_hash|passwordHash|argon2/i);

    // Not one row more in the roadmap's history, nor any about accounts in what it answers.
    expect(await countRows(t.handle, 'history')).toBe(historyBefore);
    const history = await callerAs(t.handle.db, users.viewer).history.list({ limit: 500 });
    expect(history.rows.filter((h) => h.entity === 'user')).toEqual([]);
    expect(JSON.stringify(history.rows)).not.toContain('Subject Sofia');
  });

  it('leaves the history CSV: no account event in the download', async () => {
    await admin().user.create({
      login: 'csv-subject',
      displayName: 'Csv Subject',
      role: 'viewer',
      password: 'a long enough password',
    });
    await admin().user.setRole({ login: 'csv-subject', role: 'planner' });
    const [server] = servers as [Server];
    const response = await fetch(`${server.baseUrl}/api/export/history.csv?lang=en`);
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv.split('\n').length).toBeGreaterThan(2);
    expect(csv).not.toMatch(/user\.(add|set-role|disable|enable|reset-password)/);
    expect(csv).not.toContain('csv-subject');
  });

  it('is for admins only: anonymous callers, viewers and planners are refused', async () => {
    await expectTRPCError(callerAs(t.handle.db, null).user.events({}), 'UNAUTHORIZED');
    await expectTRPCError(callerAs(t.handle.db, users.viewer).user.events({}), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(callerAs(t.handle.db, users.planner).user.events({}), 'FORBIDDEN', 'errors.forbidden');
    // Over HTTP too, with a planner's real session.
    const [server] = servers as [Server];
    const cookie = await logIn(server, users.planner2);
    const refused = await getTrpc(server.baseUrl, 'user.events', {}, { cookie });
    expect(refused.status).toBe(403);
  });

  it('pages newest first with a cursor', async () => {
    const first = await admin().user.events({ limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.nextCursor).toBe(first.rows[1]?.id);
    const next = await admin().user.events({ limit: 2, cursor: first.nextCursor as number });
    expect(next.rows[0]?.id).toBeLessThan(first.rows[1]?.id as number);
  });

  it('writes nothing when a change is refused (the last admin)', async () => {
    const before = await writeCounts(t.handle);
    const events = await countRows(t.handle, 'account_events');
    const only = await createUser(t.handle.db, 'lonely-admin', 'admin');
    // Two admins now: demote the cast's, then the last one may not go.
    await callerAs(t.handle.db, only).user.setRole({ login: 'admin', role: 'planner' });
    await expectTRPCError(
      callerAs(t.handle.db, only).user.setDisabled({ login: 'lonely-admin', disabled: true }),
      'BAD_REQUEST',
      'errors.lastAdmin',
    );
    // The admin added and the demotion: two events, the refusal none.
    expect(await countRows(t.handle, 'account_events')).toBe(events + 2);
    expect((await writeCounts(t.handle)).history).toBe(before.history);
    await callerAs(t.handle.db, only).user.setRole({ login: 'admin', role: 'admin' });
  });
});

/** A `milestone.onChange` stream held open, collecting what it is sent. */
function openStream(baseUrl: string, cookie: string | null) {
  const abort = new AbortController();
  const events: { milestoneId: number | null; account?: boolean }[] = [];
  let resolveOpen: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    resolveOpen = resolve;
  });
  const done = (async () => {
    try {
      const response = await fetch(`${baseUrl}/trpc/milestone.onChange`, {
        signal: abort.signal,
        headers: cookie ? { cookie } : {},
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      resolveOpen();
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) return;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('data: ')) continue;
          const data = JSON.parse(line.slice(6)) as unknown;
          if (data && typeof data === 'object' && 'milestoneId' in data) events.push(data as (typeof events)[number]);
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  })();
  return {
    events,
    opened,
    close: () => {
      abort.abort();
      return done;
    },
  };
}

describe(`an account change reaches the user's own open page live (${ENGINE}${ENGINE === 'postgres' ? ', another app server' : ''})`, () => {
  it('the demoted or disabled user hears it, then reads the new role; the others hear nothing of it', async () => {
    const [writer] = servers as [Server];
    const reader = servers.at(-1) as Server;
    const demoted = await createUser(t.handle.db, 'live-demoted', 'planner');
    const blocked = await createUser(t.handle.db, 'live-blocked', 'planner');
    const bystander = await createUser(t.handle.db, 'live-bystander', 'planner');
    const [demotedCookie, blockedCookie, bystanderCookie, adminCookie] = (await Promise.all(
      [demoted, blocked, bystander, users.admin].map((u) => logIn(reader, u)),
    )) as [string, string, string, string];
    const streams = {
      demoted: openStream(reader.baseUrl, demotedCookie),
      blocked: openStream(reader.baseUrl, blockedCookie),
      bystander: openStream(reader.baseUrl, bystanderCookie),
      anonymous: openStream(reader.baseUrl, null),
      admin: openStream(reader.baseUrl, adminCookie),
    };
    try {
      await Promise.all(Object.values(streams).map((s) => s.opened));
      // The LISTEN connection is opened with the first subscription: give it a moment.
      await new Promise((r) => setTimeout(r, 300));

      const adminOnWriter = await logIn(writer, users.admin);
      for (const [path, input] of [
        ['user.setRole', { login: 'live-demoted', role: 'viewer' }],
        ['user.setDisabled', { login: 'live-blocked', disabled: true }],
      ] as const) {
        const answer = await postTrpc(writer.baseUrl, path, input, { cookie: adminOnWriter });
        expect(answer.status, answer.text).toBe(200);
      }
      // A roadmap change after them: once every stream has it, each has had what came before.
      const plannerCookie = await logIn(writer, users.planner);
      const [first] = trpcData<{ id: number; version: number }[]>(await getTrpc(writer.baseUrl, 'milestone.list', {}));
      const saved = await postTrpc(
        writer.baseUrl,
        'milestone.update',
        { id: first!.id, version: first!.version, reason: 'После смены ролей', title: 'Веха после смены ролей' },
        { cookie: plannerCookie },
      );
      expect(saved.status, saved.text).toBe(200);
      await expect
        .poll(() => Object.values(streams).every((s) => s.events.some((e) => e.milestoneId === first!.id)), {
          timeout: 10_000,
        })
        .toBe(true);

      const accountNotices = (name: keyof typeof streams) => streams[name].events.filter((e) => e.account).length;
      expect(accountNotices('demoted')).toBe(1);
      expect(accountNotices('blocked')).toBe(1);
      expect(accountNotices('bystander')).toBe(0);
      expect(accountNotices('anonymous')).toBe(0);
      // Admins hear both (their user list refreshes), without being told whose account it was.
      expect(accountNotices('admin')).toBe(2);
      expect(JSON.stringify(streams.admin.events)).not.toMatch(/accountId|live-/);

      // What the pages then refetch: the demoted planner is a viewer now, the blocked one signed out.
      const me = (cookie: string) =>
        getTrpc(reader.baseUrl, 'auth.me', undefined, { cookie }).then(
          (r) => trpcData<{ user: { role: string } | null }>(r).user,
        );
      expect(await me(demotedCookie)).toMatchObject({ role: 'viewer' });
      expect(await me(blockedCookie)).toBeNull();
      expect(await me(bystanderCookie)).toMatchObject({ role: 'planner' });
    } finally {
      await Promise.all(Object.values(streams).map((s) => s.close()));
    }
  });
});
