import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeFeedOf, type RoadmapChange } from '../../server/db/change-feed';
import { ENGINE } from '../../server/db/engine';
import { rawRows } from '../../server/db/raw';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { callerAs, createUsers, expectTRPCError, type TestUsers, writeCounts } from '../helpers/users';

/**
 * The story on a seeded roadmap: a planner adds a 2031 claim from a new article to the
 * 2030 lithium milestone; both sources stand side by side and disagree; the planner makes 2031
 * current with a reason; the milestone's date, its promise history, its confidence, the history
 * and a viewer's live feed all say so. Then what is refused, and that a refusal writes nothing.
 */

let t: TestDatabase;
let users: TestUsers;
let lithiumId: number;

const ARTICLE = {
  newSource: {
    publisher: 'ТАСС',
    title: 'Выпуск гидроксида лития на Тастыге перенесён на 2031 год',
    publishedOn: '2026-11-20',
    kind: 'news_agency' as const,
  },
  quote: 'Выпуск гидроксида лития начнётся в 2031 году.',
};
const Y2031 = { start: '2031-01-01', end: '2031-12-31', precision: 'year' as const, qualifier: 'exact' as const };

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  const [row] = await rawRows<{ id: number }>(
    t.handle,
    sql`select id from milestones where key = 'lithium-hydroxide-2030'`,
  );
  lithiumId = Number(row?.id);
});

afterAll(async () => {
  await t.cleanup();
});

const planner = () => callerAs(t.handle.db, users.planner);
const viewer = () => callerAs(t.handle.db, users.viewer);

describe(`claims on ${ENGINE}`, () => {
  it('carries the seed’s date quote as the current claim of an undated opinion column', async () => {
    const m = await viewer().milestone.byId({ id: lithiumId });
    const dates = m.claims.filter((c) => c.kind === 'date');
    expect(dates).toHaveLength(1);
    expect(dates[0]).toMatchObject({
      rank: 'current',
      statedOn: null,
      planned: { start: '2030-01-01', end: '2030-12-31', precision: 'year', qualifier: 'exact' },
      source: { kind: 'opinion', publishedOn: null },
    });
    expect(dates[0]?.quote).toContain('2030');
    expect(m.conflict).toBe(false);
    expect(m.confidence.level).toBe('low');
    expect(m.confidence.reasons).toEqual([
      '1 независимый источник',
      'только мнение автора колонки',
      'заявление без даты',
    ]);
  });

  it('adds a 2031 claim beside it without making it current, flags the disagreement, and tells open pages', async () => {
    const heard: RoadmapChange[] = [];
    const off = changeFeedOf(t.handle.db).subscribe((c) => heard.push(c));
    const before = await viewer().milestone.byId({ id: lithiumId });
    const added = await planner().claim.add({
      milestoneId: lithiumId,
      version: before.version,
      reason: 'Новая статья ТАСС о сроке',
      citation: ARTICLE,
      planned: Y2031,
    });
    expect(added.version).toBe(before.version + 1);

    const m = await viewer().milestone.byId({ id: lithiumId });
    // The date does not move until the planner decides.
    expect(m.plannedStart).toBe('2030-01-01');
    const proposed = m.claims.find((c) => c.id === added.id);
    expect(proposed).toMatchObject({ rank: 'other', statedOn: '2026-11-20', conflicting: true, planned: Y2031 });
    expect(m.conflict).toBe(true);
    expect(m.confidence.reasons).toContain('источники расходятся в сроке');
    const listed = (await viewer().milestone.list({ disagree: true })).map((x) => x.id);
    expect(listed).toEqual([lithiumId]);
    const item = (await viewer().milestone.list({})).find((x) => x.id === lithiumId);
    expect(item?.claimSpread).toEqual({ start: '2030-01-01', end: '2031-12-31' });
    await expect.poll(() => heard.some((c) => c.milestoneId === lithiumId && c.version === added.version)).toBe(true);
    off();
  });

  it('makes 2031 current with a reason: the date moves, the old claim is superseded, the promise history shows the slip', async () => {
    const before = await viewer().milestone.byId({ id: lithiumId });
    const proposed = before.claims.find((c) => c.rank === 'other' && c.kind === 'date');
    const old = before.claims.find((c) => c.rank === 'current' && c.kind === 'date');
    const result = await planner().claim.setRank({
      milestoneId: lithiumId,
      version: before.version,
      claimId: proposed!.id,
      rank: 'current',
      reason: 'Свежее заявление информагентства',
    });
    expect(result.version).toBe(before.version + 1);

    const m = await viewer().milestone.byId({ id: lithiumId });
    expect([m.plannedStart, m.plannedEnd, m.plannedPrecision]).toEqual(['2031-01-01', '2031-12-31', 'year']);
    expect(m.claims.find((c) => c.id === old!.id)).toMatchObject({
      rank: 'superseded',
      rankReason: 'Свежее заявление информагентства',
    });
    expect(m.conflict).toBe(false);
    expect(m.promises.map((p) => p.move?.text ?? null)).toEqual([null, 'перенос не меньше чем на 1 год']);
    expect(m.confidence.reasons).toContain('срок переносился 1 раз');
    expect(m.slipped).toBe(true);

    const english = await callerAs(t.handle.db, users.viewer, { language: 'en' }).milestone.byId({ id: lithiumId });
    expect(english.confidence.reasons).toContain('the date slipped 1 time');

    const { rows } = await viewer().history.list({ milestoneId: lithiumId, limit: 20 });
    const fields = rows.map((r) => `${r.entity}:${r.field}`);
    expect(fields).toEqual(expect.arrayContaining(['claim:rank', 'milestone:planned', 'claim:claim']));
    const planned = rows.find((r) => r.field === 'planned');
    expect(planned?.reason).toBe('Свежее заявление информагентства');
    expect(planned?.citation?.quote).toBe(ARTICLE.quote);

    const moves = await viewer().claim.moves();
    expect(moves).toContainEqual(
      expect.objectContaining({
        milestone: expect.objectContaining({ id: lithiumId }),
        move: expect.objectContaining({ kind: 'slipped', text: 'перенос не меньше чем на 1 год' }),
        quote: ARTICLE.quote,
      }),
    );
  });

  it('records a planner’s date edit as the new current claim, superseding the one before', async () => {
    const before = await viewer().milestone.byId({ id: lithiumId });
    await planner().milestone.update({
      id: lithiumId,
      version: before.version,
      reason: 'Уточнение по итогам совещания',
      planned: { start: '2031-07-01', end: '2031-12-31', precision: 'half' },
      citation: { sourceId: before.claims.at(-1)!.sourceId, quote: 'Во втором полугодии 2031 года.' },
    });
    const m = await viewer().milestone.byId({ id: lithiumId });
    const current = m.claims.filter((c) => c.kind === 'date' && c.rank === 'current');
    expect(current).toHaveLength(1);
    expect(current[0]?.planned).toMatchObject({ start: '2031-07-01', precision: 'half' });
    expect(m.promises.at(-1)?.move?.kind).toBe('refined');
  });

  it('refuses what makes no sense, with the field named, and writes nothing', async () => {
    const m = await viewer().milestone.byId({ id: lithiumId });
    const counts = await writeCounts(t.handle);
    const current = m.claims.find((c) => c.kind === 'date' && c.rank === 'current')!;
    await expectTRPCError(
      planner().claim.setRank({
        milestoneId: lithiumId,
        version: m.version,
        claimId: current.id,
        rank: 'superseded',
        reason: 'Попытка',
      }),
      'BAD_REQUEST',
      'errors.claimIsCurrent',
    );
    await expectTRPCError(
      planner().claim.add({
        milestoneId: lithiumId,
        version: m.version,
        reason: 'Старая дата заявления',
        citation: ARTICLE,
        statedOn: '2020-01-01',
        planned: Y2031,
      }),
      'BAD_REQUEST',
      'errors.statedBeforePublished',
    );
    await expectTRPCError(
      planner().claim.add({
        milestoneId: lithiumId,
        version: m.version - 1,
        reason: 'Устаревшая форма',
        citation: ARTICLE,
        planned: Y2031,
      }),
      'CONFLICT',
      'errors.staleVersion',
    );
    await expectTRPCError(
      planner().claim.add({
        milestoneId: lithiumId,
        version: m.version,
        reason: 'Около дня',
        citation: ARTICLE,
        planned: { start: '2031-04-15', end: '2031-04-15', precision: 'day', qualifier: 'approximate' },
      }),
      'BAD_REQUEST',
    );
    await expectTRPCError(
      viewer().claim.add({
        milestoneId: lithiumId,
        version: m.version,
        reason: 'Читатель',
        citation: ARTICLE,
        planned: Y2031,
      }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    expect(await writeCounts(t.handle)).toEqual(counts);
  });

  it('keeps each organisation’s track record on what it leads or executes', async () => {
    const m = await viewer().milestone.byId({ id: lithiumId });
    const [someone] = await viewer().participant.list();
    await planner().milestone.update({
      id: lithiumId,
      version: m.version,
      reason: 'Назначен ответственный',
      participants: [{ participantId: someone!.id, role: 'lead' }],
    });
    const records = await viewer().participant.trackRecord();
    const record = records.find((r) => r.participantId === someone!.id);
    expect(record?.answersFor).toContain(lithiumId);
    expect(record?.slipped).toContain(lithiumId);
    expect(record?.reached).not.toContain(lithiumId);
    expect(record?.worstSlipDays).toBeGreaterThanOrEqual(365);
    // Each figure opens the milestones behind it: the list (and the CSV) take those ids.
    expect((await viewer().milestone.list({ ids: record!.slipped })).map((m) => m.id)).toEqual(record!.slipped);
    for (const r of records) {
      for (const list of [r.reached, r.slipped, r.lowConfidence]) {
        for (const id of list) expect(r.answersFor).toContain(id);
      }
    }
  });
});
