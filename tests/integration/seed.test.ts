import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/client';
import { rawRows } from '../../server/db/raw';
import {
  appMeta,
  citations,
  dependencies,
  history,
  milestoneParticipants,
  milestones,
  participants,
  regions,
  sources,
  workstreams,
} from '../../server/db/schema';
import { seedDatabase, seedIfEmpty } from '../../server/services/seed/run';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/test-db';

/**
 * The seed against the facts of the five public sources, written here as literals: the
 * product (and these tests) run without the sources folder.
 */

const LITHIUM_DATE_QUOTE =
  'В 2030 году начнётся переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития, напрямую связанного с аккумуляторными технологиями.';

async function rowCounts(db: Db) {
  const n = async (table: PgTable) => {
    const [row] = await db.select({ n: count() }).from(table);
    return row?.n ?? -1;
  };
  return {
    sources: await n(sources),
    workstreams: await n(workstreams),
    regions: await n(regions),
    participants: await n(participants),
    milestones: await n(milestones),
    milestoneParticipants: await n(milestoneParticipants),
    citations: await n(citations),
    dependencies: await n(dependencies),
    history: await n(history),
  };
}

async function milestoneByTitle(caller: TestCaller, text: string) {
  const all = await caller.milestone.list({});
  const found = all.filter((m) => m.title.includes(text));
  expect(found, `one milestone titled with "${text}"`).toHaveLength(1);
  return found[0]!;
}

describe('seedIfEmpty on a fresh migrated database', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => await t.cleanup());

  it('inserts the cluster and reports what it inserted', async () => {
    expect((await rowCounts(t.handle.db)).milestones).toBe(0);
    const counts = await seedIfEmpty(t.handle.db);
    expect(counts).not.toBeNull();
    const rows = await rowCounts(t.handle.db);
    expect(counts).toEqual({
      sources: 5,
      milestones: 12,
      participants: 20,
      citations: rows.citations,
    });
    expect(rows.citations).toBeGreaterThan(50);
    expect(rows.milestones).toBe(12);
    expect(rows.workstreams).toBe(7);
    expect(rows.regions).toBe(4);
    const marker = await t.handle.db.select().from(appMeta).where(eq(appMeta.key, 'seeded_at'));
    expect(marker).toHaveLength(1);
  });

  it('returns null once the database is seeded, and inserts nothing', async () => {
    expect(await seedIfEmpty(t.handle.db)).not.toBeNull();
    const before = await rowCounts(t.handle.db);
    expect(await seedIfEmpty(t.handle.db)).toBeNull();
    expect(await rowCounts(t.handle.db)).toEqual(before);
  });
});

describe('seeded data', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ seed: true });
  });
  afterEach(async () => await t.cleanup());

  it('keeps the five sources with their publishers and dates, none with a made-up url', async () => {
    const list = await t.caller.source.list();
    expect(list).toHaveLength(5);
    expect(list.map((s) => s.publisher).sort()).toEqual(['Интерфакс', 'РИА Новости', 'ТАСС', null, null].sort());
    expect(list.map((s) => s.publishedOn).sort()).toEqual(
      ['2025-10-25', '2025-11-07', '2025-12-25', null, null].sort(),
    );
    expect(list.find((s) => s.publisher === 'ТАСС')?.publishedOn).toBe('2025-10-25');
    expect(list.find((s) => s.publisher === 'РИА Новости')?.publishedOn).toBe('2025-11-07');
    expect(list.find((s) => s.publisher === 'Интерфакс')?.publishedOn).toBe('2025-12-25');
    for (const s of list) {
      expect(s.url, s.title).toBeNull();
      expect(s.title.trim()).not.toBe('');
    }
    // The sources with no publisher are exactly the undated ones.
    expect(list.filter((s) => s.publisher === null).every((s) => s.publishedOn === null)).toBe(true);
    expect(list.some((s) => s.title === 'Что запустят первым: чёткий таймлайн')).toBe(true);
  });

  it('plans the 2028, 2030 and 2032 milestones with year precision', async () => {
    const expected = [
      { text: 'малотоннажной химии', year: 2028 },
      { text: 'гидроксида лития', year: 2030 },
      { text: 'Тастыг', year: 2030 },
      { text: 'ычислительный центр', year: 2032 },
    ];
    for (const { text, year } of expected) {
      const m = await milestoneByTitle(t.caller, text);
      expect(m, text).toMatchObject({
        status: 'planned',
        plannedPrecision: 'year',
        plannedStart: `${year}-01-01`,
        plannedEnd: `${year}-12-31`,
        actualDate: null,
      });
    }
  });

  it('records the events already reached at their actual days', async () => {
    const done = await t.caller.milestone.list({ status: ['done'] });
    const actualDates = done.map((m) => m.actualDate).filter((d): d is string => d !== null);
    expect(actualDates.sort()).toEqual(['2025-10-25', '2025-11-06', '2025-12-19', '2025-12-25']);
    for (const m of done) {
      expect(m.plannedStart).toBeNull();
      expect(m.plannedPrecision).toBeNull();
    }
    expect((await milestoneByTitle(t.caller, 'Шойгу в Красноярске')).actualDate).toBe('2025-11-06');
    expect((await milestoneByTitle(t.caller, 'Прямая линия')).actualDate).toBe('2025-12-19');
    expect((await milestoneByTitle(t.caller, 'Мантуров')).actualDate).toBe('2025-12-25');
    expect((await milestoneByTitle(t.caller, 'Запущена инициатива')).actualDate).toBe('2025-10-25');
    // Sources give no date for these two: done, but undated rather than given a made-up day.
    expect(await milestoneByTitle(t.caller, 'Патрушев')).toMatchObject({ status: 'done', actualDate: null });
    expect(await milestoneByTitle(t.caller, 'Ксения Шойгу')).toMatchObject({ status: 'done', actualDate: null });
  });

  it('keeps undated milestones and still lists them', async () => {
    const undated = await t.handle.db
      .select({ id: milestones.id, title: milestones.titleRu })
      .from(milestones)
      .where(and(isNull(milestones.plannedStart), isNull(milestones.actualDate)));
    expect(undated).toHaveLength(5);
    const listed = new Set((await t.caller.milestone.list({})).map((m) => m.id));
    for (const m of undated) expect(listed.has(m.id), m.title).toBe(true);
    const heavy = await milestoneByTitle(t.caller, 'тяжёлой группы');
    expect(heavy).toMatchObject({
      status: 'planned',
      plannedStart: null,
      plannedEnd: null,
      plannedPrecision: null,
      actualDate: null,
    });
  });

  it('has the seven workstreams and the four regions', async () => {
    const ws = await t.caller.workstream.list();
    expect(ws).toHaveLength(7);
    const regionNames = (await t.caller.region.list()).map((r) => r.nameRu);
    expect(regionNames).toEqual(['Красноярский край', 'Иркутская область', 'Республика Хакасия', 'Республика Тыва']);
  });

  it('backs every milestone and every participant role with a quote from a source', async () => {
    const list = await t.caller.milestone.list({});
    expect(list).toHaveLength(12);
    let roles = 0;
    for (const { id } of list) {
      const m = await t.caller.milestone.byId({ id });
      expect(m.citations.length, m.title).toBeGreaterThan(0);
      for (const c of m.citations) {
        expect(c.quote.trim(), m.title).not.toBe('');
        expect(c.source.id, m.title).toBeGreaterThan(0);
        expect(c.source.title.trim()).not.toBe('');
        expect(['milestone', 'date', 'status']).toContain(c.claim);
      }
      // A dated milestone says where its date comes from.
      if (m.plannedStart !== null || m.actualDate !== null) {
        expect(
          m.citations.some((c) => c.claim === 'date'),
          m.title,
        ).toBe(true);
      }
      for (const p of m.participants) {
        roles += 1;
        expect(p.citations.length, `${m.title} / ${p.nameRu}`).toBeGreaterThan(0);
        for (const c of p.citations) {
          expect(c.claim).toBe('role');
          expect(c.quote.trim()).not.toBe('');
          expect(c.source.title.trim()).not.toBe('');
        }
      }
    }
    expect(roles).toBe((await rowCounts(t.handle.db)).milestoneParticipants);
    expect(roles).toBeGreaterThan(20);
  });

  it('stores quotes verbatim', async () => {
    const lithium = await milestoneByTitle(t.caller, 'гидроксида лития');
    const m = await t.caller.milestone.byId({ id: lithium.id });
    const dateQuote = m.citations.find((c) => c.claim === 'date');
    expect(dateQuote?.quote).toBe(LITHIUM_DATE_QUOTE);
    expect(dateQuote?.source.title).toBe('Что запустят первым: чёткий таймлайн');
    expect(dateQuote?.source.publishedOn).toBeNull();

    const programme = await milestoneByTitle(t.caller, 'Создание Ангаро-Енисейского кластера');
    const details = await t.caller.milestone.byId({ id: programme.id });
    const giredmet = details.participants.find((p) => p.nameRu.includes('Гиредмет'));
    expect(giredmet?.citations[0]?.quote).toBe(
      'Научно-технологическим партнёром кластера стал институт «Гиредмет», который входит в научный дивизион Росатома и десятилетиями работает с редкими и редкоземельными металлами.',
    );
  });

  it('names Giredmet a scientific partner and the curators of the project', async () => {
    const people = await t.caller.participant.list();
    const giredmet = people.find((p) => p.nameRu.includes('Гиредмет'));
    expect(giredmet).toBeDefined();
    expect(giredmet?.roles.map((r) => r.role)).toContain('scientific_partner');

    const curators = people.filter((p) => p.roles.some((r) => r.role === 'curator')).map((p) => p.nameRu);
    for (const name of [
      'Совет безопасности Российской Федерации',
      'Министерство промышленности и торговли Российской Федерации',
      'Министерство природных ресурсов и экологии Российской Федерации',
      'Министерство энергетики Российской Федерации',
      'Министерство экономического развития Российской Федерации',
      'ВЭБ.РФ',
    ]) {
      expect(curators).toContain(name);
    }
  });

  it('writes one create row of history per seeded milestone', async () => {
    const list = await t.caller.milestone.list({});
    for (const { id, title } of list) {
      const m = await t.caller.milestone.byId({ id });
      expect(m.history, title).toHaveLength(1);
      const [row] = m.history;
      expect(row).toMatchObject({ action: 'create', entity: 'milestone', userName: null });
      expect(row?.reason.trim()).not.toBe('');
      expect(row?.citation?.id).toBe(m.citations[0]?.id);
      expect(JSON.parse(row?.toValue ?? 'null')).toMatchObject({ title, status: m.status });
    }
    // Only the seed's rows: the test users' accounts are in the account log, not the history.
    const [seeded] = await rawRows<{ n: number | string }>(t.handle, sql`select count(*) as n from history`);
    expect(Number(seeded?.n)).toBe(list.length);
  });
});

describe('seeding again', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ seed: true });
  });
  afterEach(async () => await t.cleanup());

  it('inserts nothing on a second run', async () => {
    const before = await rowCounts(t.handle.db);
    expect(await seedDatabase(t.handle.db)).toEqual({ sources: 0, milestones: 0, participants: 0, citations: 0 });
    expect(await rowCounts(t.handle.db)).toEqual(before);
  });

  it("keeps a planner's change through seedDatabase and seedIfEmpty", async () => {
    const [target] = await t.handle.db
      .select({ id: milestones.id, version: milestones.version })
      .from(milestones)
      .where(eq(milestones.key, 'lithium-hydroxide-2030'));
    expect(target).toBeDefined();
    const id = target!.id;
    const changed = 'Гидроксид лития: переименовано планировщиком';
    await t.handle.transaction((tx) =>
      tx
        .update(milestones)
        .set({ titleRu: changed, plannedStart: '2031-01-01', plannedEnd: '2031-12-31' })
        .where(eq(milestones.id, id)),
    );
    const before = await rowCounts(t.handle.db);

    await seedDatabase(t.handle.db);
    expect(await seedIfEmpty(t.handle.db)).toBeNull();

    expect(await rowCounts(t.handle.db)).toEqual(before);
    const m = await t.caller.milestone.byId({ id });
    expect(m.title).toBe(changed);
    expect(m.plannedStart).toBe('2031-01-01');
    expect((await t.caller.milestone.list({})).filter((x) => x.title.includes('Тастыг'))).toHaveLength(0);
  });
});
