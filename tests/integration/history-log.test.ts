import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../../server/db/engine';
import { rawExecute, rawRows } from '../../server/db/raw';
import { createMilestone } from '../../server/services/milestone/create';
import { updateMilestone } from '../../server/services/milestone/update';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/test-db';
import { callerAs, countRows, createUsers, expectTRPCError, routerProcedures, type TestUsers } from '../helpers/users';

/**
 * The change log: append-only in the database itself, no procedure that rewrites it, and
 * history.list with its filters and cursor pages. Rows are written through the services with
 * explicit timestamps so that the date filters have something to tell apart.
 */

let t: TestDatabase;
let users: TestUsers;
let viewer: TestCaller;
let m1: number;
let m2: number;

const AT = {
  m1Created: '2024-01-10T09:00:00.000Z',
  m1Title: '2024-02-15T10:00:00.000Z',
  m1Status: '2024-03-20T23:30:00.000Z',
  m2Created: '2024-03-21T00:00:00.000Z',
  m2Title: '2024-04-05T12:00:00.000Z',
  m1Title2: '2024-05-01T08:00:00.000Z',
};

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  viewer = callerAs(t.handle.db, users.viewer);
  const db = t.handle.db;
  const base = { workstreamId: 1, status: 'planned' as const, citation: { sourceId: 1, quote: 'Quote.' } };
  m1 = (
    await createMilestone(db, users.planner, { ...base, title: 'History one', reason: 'Created one' }, AT.m1Created)
  ).id;
  await updateMilestone(
    db,
    users.planner,
    { id: m1, version: 1, reason: 'Title one', title: 'History one, renamed' },
    AT.m1Title,
  );
  await updateMilestone(
    db,
    users.planner2,
    {
      id: m1,
      version: 2,
      reason: 'Status one',
      status: 'at_risk',
      citation: { newSource: { title: 'Late-night bulletin', publisher: 'Agency' }, quote: 'At risk.' },
    },
    AT.m1Status,
  );
  m2 = (
    await createMilestone(db, users.planner2, { ...base, title: 'History two', reason: 'Created two' }, AT.m2Created)
  ).id;
  await updateMilestone(
    db,
    users.planner,
    { id: m2, version: 1, reason: 'Title two', title: 'History two, renamed' },
    AT.m2Title,
  );
  await updateMilestone(
    db,
    users.planner2,
    { id: m1, version: 3, reason: 'Title one again', title: 'History one, final' },
    AT.m1Title2,
  );
});
afterAll(async () => t?.cleanup());

/**
 * The database's own words for a refused statement: drizzle wraps the driver's error in a
 * "Failed query" error that quotes the SQL, so the cause is what is checked, and no part of
 * the statement can match by accident.
 */
async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the database refused the statement').toBeInstanceOf(Error);
  const cause = (error as Error).cause;
  return cause instanceof Error ? cause.message : (error as Error).message;
}

describe('append-only in the database', () => {
  const someId = async () => {
    const [row] = await rawRows<{ id: number }>(t.handle, sql`select max(id) as id from history`);
    return row!.id;
  };
  const rowOf = async (id: number) => (await rawRows(t.handle, sql`select * from history where id = ${id}`))[0];

  it('refuses UPDATE of a history row (trigger)', async () => {
    const id = await someId();
    const before = await rowOf(id);
    expect(before).toBeDefined();
    expect(await refusal(rawExecute(t.handle, sql`update history set reason = 'rewritten' where id = ${id}`))).toMatch(
      /append-only/,
    );
    expect(await refusal(rawExecute(t.handle, sql`update history set user_id = null`))).toMatch(/append-only/);
    expect(await rowOf(id)).toEqual(before);
  });

  it('refuses DELETE of history rows (trigger)', async () => {
    const count = await countRows(t.handle, 'history');
    expect(await refusal(rawExecute(t.handle, sql`delete from history where id = ${await someId()}`))).toMatch(
      /append-only/,
    );
    expect(await refusal(rawExecute(t.handle, sql`delete from history`))).toMatch(/append-only/);
    expect(await countRows(t.handle, 'history')).toBe(count);
  });

  it('refuses an UPSERT that would rewrite a history row (trigger)', async () => {
    const id = await someId();
    const before = await rowOf(id);
    expect(
      await refusal(
        rawExecute(
          t.handle,
          sql`insert into history (id, at, entity, action, reason)
            values (${id}, '2024-01-01T00:00:00.000Z', 'milestone', 'update', 'forged')
            on conflict (id) do update set reason = excluded.reason, at = excluded.at`,
        ),
      ),
    ).toMatch(/append-only/);
    expect(await rowOf(id)).toEqual(before);
  });

  it('still accepts new rows', async () => {
    const count = await countRows(t.handle, 'history');
    await updateMilestone(t.handle.db, users.planner, { id: m2, version: 2, reason: 'One more', site: 'Achinsk' });
    expect(await countRows(t.handle, 'history')).toBe(count + 1);
  });
});

// SQLite's REPLACE removes the row it replaces without firing delete triggers (recursive_triggers is
// off), so it needs a check of its own. On a database of its own: if it is let through, the forged
// row must not spoil the history.list tests below.
if (ENGINE === 'sqlite')
  describe('append-only in the database: what only SQLite can say', () => {
    let own: TestDatabase;
    beforeAll(async () => {
      own = await createTestDatabase({ seed: true });
    });
    afterAll(async () => own?.cleanup());

    it('refuses INSERT OR REPLACE over a history row', async () => {
      const [last] = await rawRows<{ id: number }>(own.handle, sql`select max(id) as id from history`);
      const id = last!.id;
      const before = await rawRows(own.handle, sql`select * from history where id = ${id}`);
      expect(before).toHaveLength(1);
      const count = await countRows(own.handle, 'history');
      expect(
        await refusal(
          rawExecute(
            own.handle,
            sql`insert or replace into history (id, at, entity, action, reason)
                values (${id}, '2024-01-01T00:00:00.000Z', 'milestone', 'update', 'forged')`,
          ),
        ),
      ).toMatch(/append-only/);
      expect(await rawRows(own.handle, sql`select * from history where id = ${id}`)).toEqual(before);
      expect(await countRows(own.handle, 'history')).toBe(count);
    });
  });

if (ENGINE === 'postgres')
  describe('append-only in the database: what only PostgreSQL can say', () => {
    it('refuses TRUNCATE and a MERGE that updates or deletes history rows', async () => {
      const [last] = await rawRows<{ id: number }>(t.handle, sql`select max(id) as id from history`);
      const id = last!.id;
      const before = await rawRows(t.handle, sql`select * from history where id = ${id}`);
      const count = await countRows(t.handle, 'history');
      expect(await refusal(rawExecute(t.handle, sql`truncate history`))).toMatch(/append-only/);
      expect(
        await refusal(
          rawExecute(
            t.handle,
            sql`merge into history h using (select ${id}::int as id) s on h.id = s.id
              when matched then update set reason = 'forged'`,
          ),
        ),
      ).toMatch(/append-only/);
      expect(
        await refusal(
          rawExecute(
            t.handle,
            sql`merge into history h using (select ${id}::int as id) s on h.id = s.id when matched then delete`,
          ),
        ),
      ).toMatch(/append-only/);
      expect(await rawRows(t.handle, sql`select * from history where id = ${id}`)).toEqual(before);
      expect(await countRows(t.handle, 'history')).toBe(count);
    });
  });

describe('no procedure edits the history', () => {
  const procedures = routerProcedures().map(({ path, type }) => [path, { _def: { type } }] as const);

  it('has only queries under history.', () => {
    const underHistory = procedures.filter(([path]) => path.startsWith('history.'));
    expect(underHistory.length).toBeGreaterThan(0);
    expect(underHistory.filter(([, p]) => p._def.type !== 'query').map(([path]) => path)).toEqual([]);
  });

  it('has no mutation anywhere whose name speaks of editing or removing history', () => {
    const suspicious = procedures
      .filter(([, p]) => p._def.type === 'mutation')
      .map(([path]) => path)
      .filter((path) => /history|delete|remove|purge|erase/i.test(path))
      // Purging a source's kept text removes no history: its SHA-256 and the purge itself are recorded.
      .filter((path) => path !== 'source.purgeSnapshot');
    expect(suspicious).toEqual([]);
  });
});

describe('history.list', () => {
  type Page = Awaited<ReturnType<TestCaller['history']['list']>>;
  const inTestYear = { from: '2024-01-01', to: '2024-12-31' };
  const ats = (page: Page) => page.rows.map((r) => r.at);

  it('lists newest first, with user, milestone and citation', async () => {
    const { rows } = await viewer.history.list(inTestYear);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => b - a));
    const status = rows.find((r) => r.field === 'status');
    expect(status).toMatchObject({
      milestoneId: m1,
      userId: users.planner2.id,
      userName: 'Planner Polina',
      milestoneTitle: 'History one, final',
      reason: 'Status one',
      fromValue: '"planned"',
      toValue: '"at_risk"',
      citation: { quote: 'At risk.', title: 'Late-night bulletin', publisher: 'Agency' },
    });
  });

  it('filters by milestone', async () => {
    const { rows } = await viewer.history.list({ milestoneId: m1 });
    expect(rows.length).toBe(4);
    expect(rows.every((r) => r.milestoneId === m1)).toBe(true);
    expect(rows.map((r) => r.field)).toEqual(['title', 'status', 'title', null]);
  });

  it('filters by user', async () => {
    const { rows } = await viewer.history.list({ userId: users.planner2.id, ...inTestYear });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.userId === users.planner2.id)).toBe(true);
    // The new source's own row, the status, the second create and the last title.
    expect(ats({ rows, nextCursor: null })).toEqual([AT.m1Title2, AT.m2Created, AT.m1Status, AT.m1Status]);
  });

  it('filters by field, alone and with a milestone', async () => {
    const titles = await viewer.history.list({ field: 'title', ...inTestYear });
    expect(titles.rows.map((r) => r.at)).toEqual([AT.m1Title2, AT.m2Title, AT.m1Title]);
    const m2Titles = await viewer.history.list({ field: 'title', milestoneId: m2 });
    expect(m2Titles.rows.map((r) => JSON.parse(r.toValue!))).toEqual(['History two, renamed']);
  });

  it('filters by date range, the `to` day included whole', async () => {
    const day = await viewer.history.list({ from: '2024-03-20', to: '2024-03-20' });
    expect(day.rows.length).toBe(2);
    expect(day.rows.every((r) => r.at === AT.m1Status)).toBe(true);
    const fromOnly = await viewer.history.list({ from: '2024-03-21', to: '2024-12-31' });
    expect(ats(fromOnly)).toEqual([AT.m1Title2, AT.m2Title, AT.m2Created]);
    const toOnly = await viewer.history.list({ to: '2024-02-15' });
    expect(ats(toOnly)).toEqual([AT.m1Title, AT.m1Created]);
    const none = await viewer.history.list({ from: '2023-01-01', to: '2023-12-31' });
    expect(none).toEqual({ rows: [], nextCursor: null });
  });

  it('refuses a range that ends before it starts', async () => {
    await expectTRPCError(viewer.history.list({ from: '2024-05-01', to: '2024-04-01' }), 'BAD_REQUEST');
  });

  it('pages with a cursor: every row once, in order, then no cursor', async () => {
    const all = await viewer.history.list({ limit: 500 });
    expect(all.nextCursor).toBeNull();
    const seen: number[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await viewer.history.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.rows.length).toBeLessThanOrEqual(3);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      if (cursor !== undefined) expect(cursor).toBe(page.rows.at(-1)!.id);
      pages += 1;
    } while (cursor !== undefined && pages < 100);
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(all.rows.length / 3));
  });

  it('pages within a filter', async () => {
    const first = await viewer.history.list({ milestoneId: m1, limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await viewer.history.list({ milestoneId: m1, limit: 2, cursor: first.nextCursor! });
    expect(second.rows).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect([...first.rows, ...second.rows].map((r) => r.at)).toEqual([
      AT.m1Title2,
      AT.m1Status,
      AT.m1Title,
      AT.m1Created,
    ]);
  });

  it('follows READ_ACCESS', async () => {
    await expect(callerAs(t.handle.db, null).history.list({ limit: 1 })).resolves.toBeDefined();
    await expectTRPCError(
      callerAs(t.handle.db, null, { readAccess: 'login' }).history.list({ limit: 1 }),
      'UNAUTHORIZED',
    );
  });
});
