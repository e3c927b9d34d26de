import { TRPCError } from '@trpc/server';
import { count, eq, or } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { citations, dependencies, milestoneParticipants, milestones } from '../../server/db/schema';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/test-db';

let t: TestDatabase;
let caller: TestCaller;

beforeEach(async () => {
  t = await createTestDatabase({ seed: true });
  caller = t.caller;
});
afterEach(async () => t?.cleanup());

async function milestoneId(text: string): Promise<number> {
  const found = (await caller.milestone.list({})).filter((m) => m.title.includes(text));
  expect(found, text).toHaveLength(1);
  return found[0]!.id;
}

describe('source.list', () => {
  it('says how often and where each source is cited', async () => {
    const list = await caller.source.list();
    expect(list).toHaveLength(5);
    for (const s of list) {
      expect(s.citationCount, s.title).toBeGreaterThan(0);
      expect(s.milestoneIds.length, s.title).toBeGreaterThan(0);
      expect(new Set(s.milestoneIds).size, s.title).toBe(s.milestoneIds.length);
      expect(s.language).toBe('ru');
      const [direct] = await t.handle.db.select({ n: count() }).from(citations).where(eq(citations.sourceId, s.id));
      expect(s.citationCount, s.title).toBe(direct?.n ?? -1);
    }
    const total = list.reduce((n, s) => n + s.citationCount, 0);
    const [all] = await t.handle.db.select({ n: count() }).from(citations);
    expect(total).toBe(all?.n);
  });

  it('counts role quotes for the milestone they belong to', async () => {
    const list = await caller.source.list();
    const milestonesOf = new Map<number, Set<number>>();
    for (const { id } of await caller.milestone.list({})) {
      const m = await caller.milestone.byId({ id });
      const quotes = [...m.citations, ...m.participants.flatMap((p) => p.citations)];
      for (const c of quotes) {
        const set = milestonesOf.get(c.source.id) ?? new Set<number>();
        set.add(id);
        milestonesOf.set(c.source.id, set);
      }
    }
    for (const s of list) {
      expect(
        [...s.milestoneIds].sort((a, b) => a - b),
        s.title,
      ).toEqual([...(milestonesOf.get(s.id) ?? [])].sort((a, b) => a - b));
    }
    // The column is cited by the programme only through its participants' roles and its status.
    const column = list.find((s) => s.title === 'Что запустят первым: чёткий таймлайн');
    expect(column?.milestoneIds).toContain(await milestoneId('Создание Ангаро-Енисейского кластера'));
    expect(column?.milestoneIds).toContain(await milestoneId('гидроксида лития'));
  });

  it('lists dated sources by date, undated last', async () => {
    const dates = (await caller.source.list()).map((s) => s.publishedOn);
    expect(dates).toEqual(['2025-10-25', '2025-11-07', '2025-12-25', null, null]);
  });
});

describe('participant.list', () => {
  it('lists each participant with its roles', async () => {
    const list = await caller.participant.list();
    expect(list).toHaveLength(20);
    for (const p of list) {
      expect(p.roles.length, p.nameRu).toBeGreaterThan(0);
      expect([
        'company',
        'institute',
        'university',
        'ministry',
        'agency',
        'fund',
        'regional_government',
        'foreign_partners',
        'person',
      ]).toContain(p.kind);
    }
    const programme = await milestoneId('Создание Ангаро-Енисейского кластера');
    const giredmet = list.find((p) => p.nameRu === 'Институт «Гиредмет»');
    expect(giredmet?.roles).toEqual([{ milestoneId: programme, role: 'scientific_partner' }]);
    expect(giredmet?.kind).toBe('institute');

    const krastsvetmet = list.find((p) => p.nameRu === '«Красцветмет»');
    expect(krastsvetmet?.roles).toHaveLength(2);
    expect(krastsvetmet?.roles.every((r) => r.role === 'partner')).toBe(true);

    const manturov = list.find((p) => p.nameRu === 'Денис Мантуров');
    expect(manturov?.kind).toBe('person');
    expect(manturov?.roles.map((r) => r.role)).toEqual(['curator', 'curator']);

    const [roleRows] = await t.handle.db.select({ n: count() }).from(milestoneParticipants);
    expect(list.reduce((n, p) => n + p.roles.length, 0)).toBe(roleRows?.n);
  });
});

describe('workstream.list and region.list', () => {
  it('keeps the workstreams in their stable order', async () => {
    const first = await caller.workstream.list();
    expect(first.map((w) => w.nameRu)).toEqual([
      'Производство и разделение редких и редкоземельных металлов',
      'Новые материалы и высокочистые вещества',
      'Системы хранения энергии и литий-ионные батареи',
      'Постоянные магниты и силовая электроника',
      'Аддитивные технологии',
      'Искусственный интеллект в химической промышленности',
      'Инфраструктура и управление кластером',
    ]);
    expect(first[0]?.nameEn).toBe('Production and separation of rare and rare-earth metals');
    expect(await caller.workstream.list()).toEqual(first);
  });

  it('lists the four regions with English names', async () => {
    const list = await caller.region.list();
    expect(list.map((r) => [r.nameRu, r.nameEn])).toEqual([
      ['Красноярский край', 'Krasnoyarsk Krai'],
      ['Иркутская область', 'Irkutsk Oblast'],
      ['Республика Хакасия', 'Republic of Khakassia'],
      ['Республика Тыва', 'Republic of Tuva'],
    ]);
  });
});

describe('milestone.byId', () => {
  it('refuses a missing id with NOT_FOUND', async () => {
    const error = await caller.milestone.byId({ id: 987_654 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('NOT_FOUND');
    expect((error as TRPCError).message).toBe('errors.milestoneNotFound');
  });

  it('refuses an id that is not a positive integer with BAD_REQUEST', async () => {
    for (const id of [0, -3, 2.5]) {
      const error = await caller.milestone.byId({ id }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(id)).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, String(id)).toBe('BAD_REQUEST');
    }
  });

  it('names the workstream and region, or gives null for none', async () => {
    const meeting = await caller.milestone.byId({ id: await milestoneId('Шойгу в Красноярске') });
    expect(meeting.workstream).toMatchObject({
      nameRu: 'Инфраструктура и управление кластером',
      nameEn: 'Cluster infrastructure and governance',
    });
    expect(meeting.workstream?.id).toBe(meeting.workstreamId);
    expect(meeting.region).toMatchObject({ nameRu: 'Красноярский край', nameEn: 'Krasnoyarsk Krai' });
    expect(meeting.region?.id).toBe(meeting.regionId);
    expect(meeting.site).toBe('Красноярск');
    expect(meeting.version).toBe(1);

    const lithium = await caller.milestone.byId({ id: await milestoneId('гидроксида лития') });
    expect(lithium.workstream?.nameRu).toBe('Системы хранения энергии и литий-ионные батареи');
    expect(lithium.region).toBeNull();
    expect(lithium.titleEn).toBe('Processing of Tastyg deposit ore concentrate into lithium hydroxide');
    expect(lithium.expectedResult).toBe('Получение гидроксида лития для аккумуляторных технологий.');
  });

  it('gives participants with names, kinds and roles', async () => {
    const m = await caller.milestone.byId({ id: await milestoneId('Мантуров') });
    expect(m.participants.map((p) => [p.nameRu, p.kind, p.role])).toEqual([
      ['Денис Мантуров', 'person', 'curator'],
      ['Партнёры из дружественных стран', 'foreign_partners', 'partner'],
    ]);
    expect(m.participants[1]?.citations).toHaveLength(2);
  });

  it('shows a dependency on both sides', async () => {
    const plant = await milestoneId('малотоннажной химии');
    const lithium = await milestoneId('гидроксида лития');
    const centre = await milestoneId('ычислительный центр');
    for (const id of [plant, lithium, centre]) {
      const m = await caller.milestone.byId({ id });
      expect(m.predecessors).toEqual([]);
      expect(m.successors).toEqual([]);
    }

    await t.handle.transaction(async (tx) => {
      await tx.insert(dependencies).values([
        { predecessorId: plant, successorId: lithium },
        { predecessorId: lithium, successorId: centre },
      ]);
    });

    const first = await caller.milestone.byId({ id: plant });
    const middle = await caller.milestone.byId({ id: lithium });
    const last = await caller.milestone.byId({ id: centre });
    expect(first.predecessors).toEqual([]);
    expect(first.successors).toEqual([
      {
        id: lithium,
        title: 'Переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития',
        titleEn: 'Processing of Tastyg deposit ore concentrate into lithium hydroxide',
        status: 'planned',
      },
    ]);
    expect(middle.predecessors.map((d) => d.id)).toEqual([plant]);
    expect(middle.successors.map((d) => d.id)).toEqual([centre]);
    expect(last.predecessors.map((d) => d.id)).toEqual([lithium]);
    expect(last.successors).toEqual([]);
  });

  it('keeps role quotes apart from the milestone quotes', async () => {
    const id = await milestoneId('Создание Ангаро-Енисейского кластера');
    const m = await caller.milestone.byId({ id });
    const [own] = await t.handle.db.select({ n: count() }).from(citations).where(eq(citations.milestoneId, id));
    expect(m.citations).toHaveLength(own?.n ?? -1);
    expect(m.citations.every((c) => c.claim !== 'role')).toBe(true);
    expect(m.participants).toHaveLength(18);
    const roleQuotes = m.participants.flatMap((p) => p.citations);
    const [all] = await t.handle.db
      .select({ n: count() })
      .from(citations)
      .leftJoin(milestoneParticipants, eq(milestoneParticipants.id, citations.milestoneParticipantId))
      .where(or(eq(citations.milestoneId, id), eq(milestoneParticipants.milestoneId, id)));
    expect(m.citations.length + roleQuotes.length).toBe(all?.n);
    // No quote of another milestone leaks in.
    const [other] = await t.handle.db
      .select({ id: milestones.id })
      .from(milestones)
      .where(eq(milestones.key, 'chem-plant-2028'));
    expect(other).toBeDefined();
    const otherQuotes = (await caller.milestone.byId({ id: other!.id })).citations.map((c) => c.id);
    for (const c of [...m.citations, ...roleQuotes]) expect(otherQuotes).not.toContain(c.id);
  });
});
