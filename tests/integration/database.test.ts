import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, pingDatabase } from '../../server/db/client';
import { history } from '../../server/db/schema/history';
import { citations, milestones } from '../../server/db/schema/milestone';
import { sources } from '../../server/db/schema/reference';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let t: TestDatabase;

beforeEach(() => {
  t = createTestDatabase({ seed: true });
});
afterEach(() => t.cleanup());

const NOW = '2026-01-15T10:00:00.000Z';

function anyMilestoneId(): number {
  const row = t.handle.db.select({ id: milestones.id }).from(milestones).limit(1).get();
  expect(row).toBeDefined();
  return row!.id;
}

describe('openDatabase', () => {
  it('sets the durability and concurrency PRAGMAs', () => {
    const pragma = (name: string) => t.handle.sqlite.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pingDatabase(t.handle)).toBe(true);
  });

  it('lets a second connection read what the first committed', () => {
    const second = openDatabase(t.path);
    try {
      const id = anyMilestoneId();
      t.handle.db.update(milestones).set({ site: 'Абакан' }).where(eq(milestones.id, id)).run();
      expect(
        second.db.select({ site: milestones.site }).from(milestones).where(eq(milestones.id, id)).get()?.site,
      ).toBe('Абакан');
    } finally {
      second.close();
    }
    t.handle.close();
    expect(pingDatabase(t.handle)).toBe(false);
  });

  it('migrates again without change', () => {
    const before = t.handle.sqlite.prepare('select count(*) as n from milestones').get();
    migrateDatabase(t.handle);
    expect(t.handle.sqlite.prepare('select count(*) as n from milestones').get()).toEqual(before);
  });
});

describe('history', () => {
  it('takes new rows', () => {
    const milestoneId = anyMilestoneId();
    const before = t.handle.db.select().from(history).where(eq(history.milestoneId, milestoneId)).all().length;
    t.handle.db
      .insert(history)
      .values({
        at: NOW,
        milestoneId,
        entity: 'milestone',
        entityId: milestoneId,
        action: 'update',
        field: 'site',
        fromValue: null,
        toValue: '"Абакан"',
        reason: 'проверка',
      })
      .run();
    expect(t.handle.db.select().from(history).where(eq(history.milestoneId, milestoneId)).all()).toHaveLength(
      before + 1,
    );
  });

  it('refuses UPDATE', () => {
    expect(() => t.handle.sqlite.prepare("update history set reason = 'переписано'").run()).toThrow(/append-only/);
    expect(() => t.handle.db.update(history).set({ reason: 'переписано' }).run()).toThrow(/append-only/);
    expect(t.handle.sqlite.prepare("select count(*) as n from history where reason = 'переписано'").get()).toEqual({
      n: 0,
    });
  });

  it('refuses DELETE', () => {
    const before = t.handle.sqlite.prepare('select count(*) as n from history').get() as { n: number };
    expect(before.n).toBeGreaterThan(0);
    expect(() => t.handle.sqlite.prepare('delete from history').run()).toThrow(/append-only/);
    expect(() => t.handle.db.delete(history).run()).toThrow(/append-only/);
    expect(t.handle.sqlite.prepare('select count(*) as n from history').get()).toEqual(before);
  });
});

describe('CHECK constraints', () => {
  const base = { titleRu: 'Проверка', createdAt: NOW, updatedAt: NOW };

  it('accept an undated milestone and a whole planned interval', () => {
    expect(() => t.handle.db.insert(milestones).values(base).run()).not.toThrow();
    expect(() =>
      t.handle.db
        .insert(milestones)
        .values({ ...base, plannedStart: '2029-01-01', plannedEnd: '2029-06-30', plannedPrecision: 'half' })
        .run(),
    ).not.toThrow();
  });

  it('refuse a planned interval with a start but no precision', () => {
    expect(() =>
      t.handle.db
        .insert(milestones)
        .values({ ...base, plannedStart: '2029-01-01', plannedEnd: '2029-12-31' })
        .run(),
    ).toThrow(/CHECK constraint failed: milestones_planned_check/);
    expect(() =>
      t.handle.db
        .insert(milestones)
        .values({ ...base, plannedStart: '2029-01-01' })
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      t.handle.db
        .insert(milestones)
        .values({ ...base, plannedPrecision: 'year' })
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('refuse an interval that ends before it starts, an unknown status or precision', () => {
    expect(() =>
      t.handle.db
        .insert(milestones)
        .values({ ...base, plannedStart: '2030-12-31', plannedEnd: '2030-01-01', plannedPrecision: 'year' })
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      t.handle.sqlite
        .prepare("insert into milestones (title_ru, status, created_at, updated_at) values ('x', 'finished', ?, ?)")
        .run(NOW, NOW),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      t.handle.sqlite
        .prepare(
          "insert into milestones (title_ru, planned_start, planned_end, planned_precision, created_at, updated_at) values ('x', '2030-01-01', '2030-12-31', 'decade', ?, ?)",
        )
        .run(NOW, NOW),
    ).toThrow(/CHECK constraint failed/);
  });

  it('refuse an empty quote and a role quote with no role', () => {
    const sourceId = t.handle.db.select({ id: sources.id }).from(sources).limit(1).get()!.id;
    const milestoneId = anyMilestoneId();
    expect(() =>
      t.handle.db
        .insert(citations)
        .values({ sourceId, milestoneId, quote: '   ', claim: 'milestone', createdAt: NOW })
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      t.handle.db
        .insert(citations)
        .values({ sourceId, milestoneId, quote: 'цитата', claim: 'role', createdAt: NOW })
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });
});

describe('foreign keys', () => {
  it('keep a cited source from being deleted', () => {
    const cited = t.handle.db.select({ sourceId: citations.sourceId }).from(citations).limit(1).get();
    expect(cited).toBeDefined();
    expect(() => t.handle.db.delete(sources).where(eq(sources.id, cited!.sourceId)).run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect(t.handle.db.select().from(sources).where(eq(sources.id, cited!.sourceId)).get()).toBeDefined();
  });

  it('let an uncited source go', () => {
    const { id } = t.handle.db
      .insert(sources)
      .values({ title: 'Черновик', createdAt: NOW })
      .returning({ id: sources.id })
      .get();
    expect(t.handle.db.delete(sources).where(eq(sources.id, id)).run().changes).toBe(1);
  });

  it('refuse a quote of a source that does not exist', () => {
    expect(() =>
      t.handle.db
        .insert(citations)
        .values({
          sourceId: 999_999,
          milestoneId: anyMilestoneId(),
          quote: 'цитата',
          claim: 'milestone',
          createdAt: NOW,
        })
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});
