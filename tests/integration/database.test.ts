import { count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrateDatabase, openDatabase, pingDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import { rawExecute, rawRows } from '../../server/db/raw';
import { citations, history, milestones, sources } from '../../server/db/schema';
import { createTestDatabase, sqliteOf, type TestDatabase } from '../helpers/test-db';

let t: TestDatabase;

beforeEach(async () => {
  t = await createTestDatabase({ seed: true });
});
afterEach(async () => await t.cleanup());

const NOW = '2026-01-15T10:00:00.000Z';

async function anyMilestoneId(): Promise<number> {
  const [row] = await t.handle.db.select({ id: milestones.id }).from(milestones).limit(1);
  expect(row).toBeDefined();
  return row!.id;
}

async function historyCount(where = sql`true`): Promise<number> {
  const [row] = await t.handle.db.select({ n: count() }).from(history).where(where);
  return row?.n ?? -1;
}

/**
 * The database's own words for a refused statement: drizzle wraps the driver's error in a
 * "Failed query" error that quotes the SQL, so the driver's message (its cause) is what is
 * checked, and no part of the statement can match by accident.
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

/** A CHECK constraint the database named in its refusal (same names on both engines). */
async function expectCheckRefusal(work: Promise<unknown>, constraint: RegExp): Promise<void> {
  const message = await refusal(work);
  expect(message).toMatch(/check constraint/i);
  expect(message).toMatch(constraint);
}

describe('openDatabase', () => {
  it('answers the health check while open, and not once closed', async () => {
    const second = await openDatabase(t.handle.config);
    expect(await pingDatabase(second)).toBe(true);
    await second.close();
    expect(await pingDatabase(second)).toBe(false);
    expect(await pingDatabase(t.handle)).toBe(true);
  });

  it('lets a second connection read what the first committed', async () => {
    const second = await openDatabase(t.handle.config);
    try {
      const id = await anyMilestoneId();
      await t.handle.transaction((tx) => tx.update(milestones).set({ site: 'Абакан' }).where(eq(milestones.id, id)));
      const [row] = await second.db.select({ site: milestones.site }).from(milestones).where(eq(milestones.id, id));
      expect(row?.site).toBe('Абакан');
    } finally {
      await second.close();
    }
  });

  it('migrates again without change', async () => {
    const counts = async () =>
      (
        await rawRows<{ m: number | string; h: number | string }>(
          t.handle,
          sql`select (select count(*) from milestones) as m, (select count(*) from history) as h`,
        )
      ).map((r) => ({ milestones: Number(r.m), history: Number(r.h) }));
    const before = await counts();
    expect(before[0]?.milestones).toBe(12);
    await migrateDatabase(t.handle);
    expect(await counts()).toEqual(before);
  });
});

if (ENGINE === 'sqlite') {
  describe('SQLite file settings', () => {
    it('sets the durability and concurrency PRAGMAs on the writer connection', () => {
      const pragma = (name: string) => sqliteOf(t).sqlite.pragma(name, { simple: true });
      expect(pragma('journal_mode')).toBe('wal');
      expect(pragma('synchronous')).toBe(2);
      expect(pragma('foreign_keys')).toBe(1);
      expect(pragma('busy_timeout')).toBe(5000);
    });
  });

  describe('SQLite statements', () => {
    const note = (reason: string) =>
      t.handle.transaction(async (tx) => {
        const [row] = await tx.select({ id: milestones.id }).from(milestones).limit(1);
        await tx.insert(history).values({
          at: NOW,
          milestoneId: row!.id,
          entity: 'milestone',
          entityId: row!.id,
          action: 'update',
          field: 'site',
          fromValue: null,
          toValue: '"Абакан"',
          reason,
        });
      });

    it('compiles a query once per connection, not at every run', async () => {
      const prepare = vi.spyOn(sqliteOf(t).sqlite, 'prepare');
      await note('первый раз');
      expect(prepare).toHaveBeenCalled();
      prepare.mockClear();
      await note('второй раз');
      expect(prepare).not.toHaveBeenCalled();
      prepare.mockRestore();
    });

    it('answers rows as objects or as arrays, as each call asks, from the same kept statement', async () => {
      // drizzle reads a select with named fields as arrays (raw mode); a hand-written query of the
      // same text as objects. The mode sticks to a statement, so a kept one must be reset.
      const query = t.handle.db.select({ n: count() }).from(history);
      const text = sql.raw(query.toSQL().sql);
      const [first] = await query;
      expect(await rawRows(t.handle, text)).toEqual([{ 'count(*)': first!.n }]);
      expect(await query).toEqual([{ n: first!.n }]);
      expect(await rawRows(t.handle, text)).toEqual([{ 'count(*)': first!.n }]);
    });
  });
}

describe('history', () => {
  it('takes new rows', async () => {
    const milestoneId = await anyMilestoneId();
    const before = await historyCount(eq(history.milestoneId, milestoneId));
    await t.handle.transaction((tx) =>
      tx.insert(history).values({
        at: NOW,
        milestoneId,
        entity: 'milestone',
        entityId: milestoneId,
        action: 'update',
        field: 'site',
        fromValue: null,
        toValue: '"Абакан"',
        reason: 'проверка',
      }),
    );
    expect(await historyCount(eq(history.milestoneId, milestoneId))).toBe(before + 1);
  });

  it('refuses UPDATE, typed by hand or built by drizzle', async () => {
    expect(await historyCount()).toBeGreaterThan(0);
    expect(await refusal(rawExecute(t.handle, sql`update history set reason = 'переписано'`))).toMatch(/append-only/);
    expect(await refusal(t.handle.transaction((tx) => tx.update(history).set({ reason: 'переписано' })))).toMatch(
      /append-only/,
    );
    expect(await historyCount(eq(history.reason, 'переписано'))).toBe(0);
  });

  it('refuses DELETE, typed by hand or built by drizzle', async () => {
    const before = await historyCount();
    expect(before).toBeGreaterThan(0);
    expect(await refusal(rawExecute(t.handle, sql`delete from history`))).toMatch(/append-only/);
    expect(await refusal(t.handle.transaction((tx) => tx.delete(history)))).toMatch(/append-only/);
    expect(await historyCount()).toBe(before);
  });
});

if (ENGINE === 'postgres') {
  describe('PostgreSQL history', () => {
    it('refuses TRUNCATE, which row triggers would not see', async () => {
      const before = await historyCount();
      expect(before).toBeGreaterThan(0);
      expect(await refusal(rawExecute(t.handle, sql`truncate history`))).toMatch(/append-only/);
      expect(await refusal(rawExecute(t.handle, sql`truncate history cascade`))).toMatch(/append-only/);
      expect(await historyCount()).toBe(before);
    });
  });
}

describe('CHECK constraints', () => {
  const base = { titleRu: 'Проверка', createdAt: NOW, updatedAt: NOW };
  const insert = (values: typeof milestones.$inferInsert) =>
    t.handle.transaction((tx) => tx.insert(milestones).values(values).returning({ id: milestones.id }));

  it('accept an undated milestone and a whole planned interval', async () => {
    expect(await insert(base)).toHaveLength(1);
    expect(
      await insert({ ...base, plannedStart: '2029-01-01', plannedEnd: '2029-06-30', plannedPrecision: 'half' }),
    ).toHaveLength(1);
  });

  it('refuse a planned interval with a start but no precision', async () => {
    const before = await t.handle.db.select({ n: count() }).from(milestones);
    await expectCheckRefusal(
      insert({ ...base, plannedStart: '2029-01-01', plannedEnd: '2029-12-31' }),
      /milestones_planned_check/,
    );
    await expectCheckRefusal(insert({ ...base, plannedStart: '2029-01-01' }), /milestones_planned_check/);
    await expectCheckRefusal(insert({ ...base, plannedPrecision: 'year' }), /milestones_planned_check/);
    expect(await t.handle.db.select({ n: count() }).from(milestones)).toEqual(before);
  });

  it('refuse an interval that ends before it starts, an unknown status or precision', async () => {
    await expectCheckRefusal(
      insert({ ...base, plannedStart: '2030-12-31', plannedEnd: '2030-01-01', plannedPrecision: 'year' }),
      /milestones_planned_check/,
    );
    await expectCheckRefusal(
      rawExecute(
        t.handle,
        sql`insert into milestones (title_ru, status, created_at, updated_at) values ('x', 'finished', ${NOW}, ${NOW})`,
      ),
      /milestones_status_check/,
    );
    await expectCheckRefusal(
      rawExecute(
        t.handle,
        sql`insert into milestones (title_ru, planned_start, planned_end, planned_precision, created_at, updated_at)
            values ('x', '2030-01-01', '2030-12-31', 'decade', ${NOW}, ${NOW})`,
      ),
      /milestones_precision_check/,
    );
  });

  it('refuse an empty quote and a role quote with no role', async () => {
    const [source] = await t.handle.db.select({ id: sources.id }).from(sources).limit(1);
    const sourceId = source!.id;
    const milestoneId = await anyMilestoneId();
    await expectCheckRefusal(
      t.handle.transaction((tx) =>
        tx.insert(citations).values({ sourceId, milestoneId, quote: '   ', claim: 'milestone', createdAt: NOW }),
      ),
      /citations_quote_check/,
    );
    await expectCheckRefusal(
      t.handle.transaction((tx) =>
        tx.insert(citations).values({ sourceId, milestoneId, quote: 'цитата', claim: 'role', createdAt: NOW }),
      ),
      /citations_(role|milestone)_target_check/,
    );
  });
});

describe('foreign keys', () => {
  it('keep a cited source from being deleted', async () => {
    const [cited] = await t.handle.db.select({ sourceId: citations.sourceId }).from(citations).limit(1);
    expect(cited).toBeDefined();
    expect(
      await refusal(t.handle.transaction((tx) => tx.delete(sources).where(eq(sources.id, cited!.sourceId)))),
    ).toMatch(/foreign key constraint/i);
    expect(await t.handle.db.select().from(sources).where(eq(sources.id, cited!.sourceId))).toHaveLength(1);
  });

  it('let an uncited source go', async () => {
    const [added] = await t.handle.transaction((tx) =>
      tx.insert(sources).values({ title: 'Черновик', createdAt: NOW }).returning({ id: sources.id }),
    );
    const deleted = await t.handle.transaction((tx) =>
      tx.delete(sources).where(eq(sources.id, added!.id)).returning({ id: sources.id }),
    );
    expect(deleted).toHaveLength(1);
    expect(await t.handle.db.select().from(sources).where(eq(sources.id, deleted[0]!.id))).toHaveLength(0);
  });

  it('refuse a quote of a source that does not exist', async () => {
    const milestoneId = await anyMilestoneId();
    expect(
      await refusal(
        t.handle.transaction((tx) =>
          tx.insert(citations).values({
            sourceId: 999_999,
            milestoneId,
            quote: 'цитата',
            claim: 'milestone',
            createdAt: NOW,
          }),
        ),
      ),
    ).toMatch(/foreign key constraint/i);
  });
});
