import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import { loadEnv } from '../../server/env';
import { buildApp } from '../../server/http/app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, getTrpc, postTrpc, sessionCookieOf, type TestUsers, trpcData } from '../helpers/users';

/**
 * Two app servers on one database, each with its own connections, as two processes behind a
 * proxy would have: what one saves, the other serves; on PostgreSQL its open live feed hears it
 * too (NOTIFY). Sessions and the login throttle live in the database, so either server honours them.
 */

interface Server {
  handle: DatabaseHandle;
  baseUrl: string;
  close(): Promise<void>;
}

let t: TestDatabase;
let users: TestUsers;
const servers: Server[] = [];

async function startOn(location: TestDatabase['location']): Promise<Server> {
  const env = loadEnv({ ...location, LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent' });
  const handle = await openDatabase(
    'DATABASE_URL' in location
      ? { engine: 'postgres', url: location.DATABASE_URL }
      : { engine: 'sqlite', path: location.DATABASE_PATH },
  );
  const app = await buildApp({ env, database: handle });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    handle,
    baseUrl: address,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

async function logIn(server: Server, login: string, password: string): Promise<string> {
  const answer = await postTrpc(server.baseUrl, 'auth.login', { login, password });
  expect(answer.status).toBe(200);
  return sessionCookieOf(answer) as string;
}

/** The first `milestone.onChange` event of an open event stream, or null when none came in time. */
async function firstChange(baseUrl: string, opened: () => void, timeoutMs: number) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(`${baseUrl}/trpc/milestone.onChange`, { signal: abort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    opened();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      text += decoder.decode(value, { stream: true });
      for (const line of text.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = JSON.parse(line.slice(6)) as unknown;
        if (data && typeof data === 'object' && 'milestoneId' in data)
          return data as { milestoneId: number; version: number };
      }
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  servers.push(await startOn(t.location), await startOn(t.location));
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await t.cleanup();
});

describe(`two app servers on one ${ENGINE} database`, () => {
  it('serves on one server the save made on the other, and each honours the other one’s session', async () => {
    const [a, b] = servers as [Server, Server];
    const cookie = await logIn(a, 'planner', users.planner.password);
    const [first] = trpcData<{ id: number; version: number }[]>(await getTrpc(a.baseUrl, 'milestone.list', {}));
    const saved = await postTrpc(
      a.baseUrl,
      'milestone.update',
      { id: first!.id, version: first!.version, reason: 'Проверка двух серверов', title: 'Сохранено на сервере A' },
      { cookie },
    );
    expect(saved.status).toBe(200);
    const onB = trpcData<{ title: string; version: number }>(
      await getTrpc(b.baseUrl, 'milestone.byId', { id: first!.id }),
    );
    expect(onB).toMatchObject({ title: 'Сохранено на сервере A', version: first!.version + 1 });
    // The session opened on A is a session on B: it lives in the database, not in A's memory.
    const me = trpcData<{ user: { login: string } | null }>(await getTrpc(b.baseUrl, 'auth.me', undefined, { cookie }));
    expect(me.user?.login).toBe('planner');
  });

  it('counts failed logins made on either server together', async () => {
    const [a, b] = servers as [Server, Server];
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    // Five failures for one login from one address, split over the two servers…
    for (const [i, server] of [a, b, a, b, a].entries()) {
      const answer = await postTrpc(
        server.baseUrl,
        'auth.login',
        { login: 'planner2', password: `wrong ${i}` },
        { headers },
      );
      expect(answer.status).toBe(401);
    }
    // …and the sixth, on either, is refused even with the right password.
    const refused = await postTrpc(
      b.baseUrl,
      'auth.login',
      { login: 'planner2', password: users.planner2.password },
      { headers },
    );
    expect(refused.status).toBe(429);
  });

  if (ENGINE === 'postgres') {
    it('reaches a viewer’s open page on the other server live (LISTEN/NOTIFY)', async () => {
      const [a, b] = servers as [Server, Server];
      const cookie = await logIn(a, 'planner', users.planner.password);
      const [, second] = trpcData<{ id: number; version: number }[]>(await getTrpc(a.baseUrl, 'milestone.list', {}));
      let opened: () => void = () => {};
      const streamOpen = new Promise<void>((resolve) => {
        opened = resolve;
      });
      const heard = firstChange(b.baseUrl, opened, 10_000);
      await streamOpen;
      // The LISTEN connection is opened with the first subscription: give it a moment.
      await new Promise((r) => setTimeout(r, 300));
      const saved = await postTrpc(
        a.baseUrl,
        'milestone.update',
        { id: second!.id, version: second!.version, reason: 'Живое обновление', title: 'Видно на сервере B' },
        { cookie },
      );
      expect(saved.status).toBe(200);
      expect(await heard).toMatchObject({ milestoneId: second!.id, version: second!.version + 1 });
    });
  }
});
