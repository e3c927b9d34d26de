import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/test-db';

/** milestone.list through the tRPC caller on a seeded copy of the database (read-only here). */

let t: TestDatabase;
let caller: TestCaller;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  caller = t.caller;
});
afterAll(async () => t?.cleanup());

type Item = Awaited<ReturnType<TestCaller['milestone']['list']>>[number];

const titles = (items: Item[]) => items.map((m) => m.title);
const effectiveDate = (m: Item) => m.actualDate ?? m.plannedStart;

async function idOfTitle(text: string): Promise<number> {
  const found = (await caller.milestone.list({})).filter((m) => m.title.includes(text));
  expect(found, text).toHaveLength(1);
  return found[0]!.id;
}

async function workstreamId(text: string): Promise<number> {
  const w = (await caller.workstream.list()).find((x) => x.nameRu.includes(text));
  expect(w, text).toBeDefined();
  return w!.id;
}

async function participantId(text: string): Promise<number> {
  const p = (await caller.participant.list()).find((x) => x.nameRu.includes(text));
  expect(p, text).toBeDefined();
  return p!.id;
}

async function regionId(name: string): Promise<number> {
  const r = (await caller.region.list()).find((x) => x.nameRu === name);
  expect(r, name).toBeDefined();
  return r!.id;
}

async function expectBadRequest(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('BAD_REQUEST');
  return error as TRPCError;
}

describe('milestone.list without filters', () => {
  it('lists every milestone, dated by date ascending and undated last', async () => {
    const all = await caller.milestone.list({});
    expect(all).toHaveLength(12);
    const dated = all.filter((m) => effectiveDate(m) !== null);
    const firstUndated = all.findIndex((m) => effectiveDate(m) === null);
    expect(firstUndated).toBe(dated.length);
    expect(all.slice(firstUndated).every((m) => effectiveDate(m) === null)).toBe(true);
    expect(dated.map(effectiveDate)).toEqual([
      '2025-10-25',
      '2025-11-06',
      '2025-12-19',
      '2025-12-25',
      '2028-01-01',
      '2030-01-01',
      '2032-01-01',
    ]);
  });

  it('gives each item its participants with ids and roles, as byId does', async () => {
    const all = await caller.milestone.list({});
    const withRoles = all.filter((m) => m.participants.length > 0);
    expect(withRoles.length).toBeGreaterThanOrEqual(5);
    for (const m of all) {
      const details = await caller.milestone.byId({ id: m.id });
      expect(m.participants, m.title).toEqual(
        details.participants.map((p) => ({ participantId: p.participantId, role: p.role })),
      );
      for (const p of m.participants) {
        expect(p.participantId).toBeGreaterThan(0);
        expect(['lead', 'executor', 'partner', 'scientific_partner', 'curator', 'investor']).toContain(p.role);
      }
    }
  });

  it('treats an empty filter list as no filter', async () => {
    const all = await caller.milestone.list({});
    expect(await caller.milestone.list({ status: [], workstream: [], participant: [], region: [], q: '   ' })).toEqual(
      all,
    );
  });
});

describe('milestone.list filters', () => {
  it('by status', async () => {
    const done = await caller.milestone.list({ status: ['done'] });
    expect(done).toHaveLength(6);
    expect(done.every((m) => m.status === 'done')).toBe(true);

    const open = await caller.milestone.list({ status: ['planned', 'in_progress'] });
    expect(open).toHaveLength(6);
    expect(new Set(open.map((m) => m.status))).toEqual(new Set(['planned', 'in_progress']));

    expect(await caller.milestone.list({ status: ['cancelled'] })).toEqual([]);
  });

  it('by workstream', async () => {
    const storage = await workstreamId('хранения энергии');
    const items = await caller.milestone.list({ workstream: [storage] });
    expect(titles(items)).toEqual([
      'Переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития',
    ]);
    expect(items[0]?.workstreamId).toBe(storage);

    const governance = await workstreamId('управление кластером');
    const both = await caller.milestone.list({ workstream: [storage, governance] });
    expect(both.length).toBeGreaterThan(items.length);
    expect(both.every((m) => m.workstreamId === storage || m.workstreamId === governance)).toBe(true);

    expect(await caller.milestone.list({ workstream: [999_999] })).toEqual([]);
  });

  it('by participant, keeping all roles of the matching milestones', async () => {
    const giredmet = await participantId('Гиредмет');
    const items = await caller.milestone.list({ participant: [giredmet] });
    expect(titles(items)).toEqual([
      'Создание Ангаро-Енисейского кластера глубокой переработки цветных, редких и редкоземельных металлов',
    ]);
    expect(items[0]?.participants).toContainEqual({ participantId: giredmet, role: 'scientific_partner' });
    expect(items[0]?.participants.length).toBeGreaterThan(1);

    const krastsvetmet = await participantId('Красцветмет');
    const involved = await caller.milestone.list({ participant: [krastsvetmet] });
    expect(involved).toHaveLength(2);
    for (const m of involved) expect(m.participants.map((p) => p.participantId)).toContain(krastsvetmet);

    // Several participants: milestones involving any of them, each listed once.
    const union = await caller.milestone.list({ participant: [giredmet, krastsvetmet] });
    expect(union.map((m) => m.id).sort()).toEqual([...items, ...involved].map((m) => m.id).sort());
  });

  it('by region', async () => {
    const krasnoyarsk = await regionId('Красноярский край');
    const items = await caller.milestone.list({ region: [krasnoyarsk] });
    expect(items.length).toBe(2);
    expect(items.every((m) => m.regionId === krasnoyarsk)).toBe(true);
    expect(titles(items).some((x) => x.includes('аддитивных технологий'))).toBe(true);

    const tuva = await regionId('Республика Тыва');
    expect(await caller.milestone.list({ region: [tuva] })).toEqual([]);
  });

  it('by text, case-insensitive in Cyrillic', async () => {
    const lithium = await idOfTitle('гидроксида лития');
    for (const q of ['ЛИТИЯ', 'лития', 'Гидроксида Лития', '  тастыгского  ']) {
      expect(
        (await caller.milestone.list({ q })).map((m) => m.id),
        q,
      ).toEqual([lithium]);
    }
    // English titles are searched too.
    expect((await caller.milestone.list({ q: 'LITHIUM HYDROXIDE' })).map((m) => m.id)).toEqual([lithium]);
  });

  it('by text, with ё and е the same letter', async () => {
    const heavy = await idOfTitle('тяжёлой группы');
    for (const q of ['тяжёлой группы', 'ТЯЖЕЛОЙ ГРУППЫ', 'Тяжелой']) {
      expect(
        (await caller.milestone.list({ q })).map((m) => m.id),
        q,
      ).toEqual([heavy]);
    }
    // "начнётся" is written with ё in the lithium description.
    expect(await caller.milestone.list({ q: 'начнется переработка' })).toHaveLength(1);
  });

  it('by text, taking %, _ and \\ literally', async () => {
    for (const q of ['%', '_', '%%', 'лити%', 'л_тия', '\\', '\\%']) {
      expect(await caller.milestone.list({ q }), q).toEqual([]);
    }
    expect(await caller.milestone.list({ q: 'нет такого текста' })).toEqual([]);
  });

  it('by date range: what overlaps it, never the undated', async () => {
    const only2030 = await caller.milestone.list({ from: '2029-01-01', to: '2030-12-31' });
    expect(only2030.map((m) => m.plannedStart)).toEqual(['2030-01-01']);
    expect(only2030[0]?.title).toContain('гидроксида лития');

    // A year-precision milestone overlaps a range that touches only its last day.
    expect((await caller.milestone.list({ from: '2030-12-31', to: '2031-06-30' })).map((m) => m.plannedStart)).toEqual([
      '2030-01-01',
    ]);
    expect(await caller.milestone.list({ from: '2031-01-01', to: '2031-12-31' })).toEqual([]);

    const after = await caller.milestone.list({ from: '2031-01-01' });
    expect(after.map((m) => m.plannedStart)).toEqual(['2032-01-01']);

    // Reached events are placed at their actual day.
    const autumn2025 = await caller.milestone.list({ to: '2025-11-30' });
    expect(autumn2025.map((m) => m.actualDate)).toEqual(['2025-10-25', '2025-11-06']);

    const single = await caller.milestone.list({ from: '2025-12-19', to: '2025-12-19' });
    expect(single.map((m) => m.actualDate)).toEqual(['2025-12-19']);

    const everything = await caller.milestone.list({ from: '2000-01-01', to: '2100-12-31' });
    expect(everything).toHaveLength(7);
    expect(everything.every((m) => effectiveDate(m) !== null)).toBe(true);
  });

  it('combines filters with AND', async () => {
    const planned2028on = await caller.milestone.list({ status: ['planned'], from: '2028-01-01' });
    expect(planned2028on.map((m) => m.plannedStart)).toEqual(['2028-01-01', '2030-01-01', '2032-01-01']);

    const highPurity = await workstreamId('высокочистые вещества');
    expect(titles(await caller.milestone.list({ workstream: [highPurity], q: 'ХИМИИ' }))).toEqual([
      'Многоассортиментный завод малотоннажной химии для выпуска высокочистых продуктов',
    ]);
    expect(await caller.milestone.list({ workstream: [highPurity], q: 'лития' })).toEqual([]);

    const krasnoyarsk = await regionId('Красноярский край');
    const doneThere = await caller.milestone.list({ region: [krasnoyarsk], status: ['done'] });
    expect(doneThere.map((m) => m.actualDate)).toEqual(['2025-11-06']);

    const giredmet = await participantId('Гиредмет');
    expect(await caller.milestone.list({ participant: [giredmet], status: ['done'] })).toEqual([]);
    expect(await caller.milestone.list({ participant: [giredmet], status: ['in_progress'] })).toHaveLength(1);
  });

  it('accepts ids as strings, as they come from a URL', async () => {
    const krasnoyarsk = await regionId('Красноярский край');
    const fromUrl = await caller.milestone.list({ region: [String(krasnoyarsk) as unknown as number] });
    expect(fromUrl).toHaveLength(2);
  });
});

describe('milestone.list refuses bad input with BAD_REQUEST', () => {
  it('a range that ends before it starts', async () => {
    const error = await expectBadRequest(caller.milestone.list({ from: '2030-12-31', to: '2029-01-01' }));
    expect(error.message).toContain('errors.dateRange');
  });

  it('a day that does not exist', async () => {
    const error = await expectBadRequest(caller.milestone.list({ from: '2030-02-30' }));
    expect(error.message).toContain('errors.noSuchDate');
    await expectBadRequest(caller.milestone.list({ to: '2029-02-29' }));
    await expectBadRequest(caller.milestone.list({ from: '2030-1-1' }));
    await expectBadRequest(caller.milestone.list({ to: '2030-12-31T00:00:00Z' }));
  });

  it('an unknown status or a bad id', async () => {
    await expectBadRequest(caller.milestone.list({ status: ['finished' as 'done'] }));
    await expectBadRequest(caller.milestone.list({ workstream: [0] }));
    await expectBadRequest(caller.milestone.list({ region: [-1] }));
    await expectBadRequest(caller.milestone.list({ participant: [1.5] }));
    await expectBadRequest(caller.milestone.list({ region: ['abc' as unknown as number] }));
  });

  it('a search text that is too long', async () => {
    await expectBadRequest(caller.milestone.list({ q: 'я'.repeat(201) }));
    expect(await caller.milestone.list({ q: 'я'.repeat(200) })).toEqual([]);
  });

  it('and still answers afterwards', async () => {
    expect(await caller.milestone.list({})).toHaveLength(12);
  });
});
