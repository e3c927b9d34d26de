import { describe, expect, it } from 'vitest';
import { moveText, reasonText } from '../../shared/claim-text';
import {
  type ClaimEvidence,
  type ClaimedDate,
  claimAddSchema,
  claimedDateSchema,
  compareDates,
  confidenceOf,
  conflictingPairs,
  datesConflict,
  promiseSteps,
  slipAmount,
} from '../../shared/claims';

/** The rules that read claims (docs/decisions/0008-claims-and-confidence.md), branch by branch. */

const year = (y: number, qualifier: ClaimedDate['qualifier'] = 'exact'): ClaimedDate => ({
  start: `${y}-01-01`,
  end: `${y}-12-31`,
  precision: 'year',
  qualifier,
});
const quarter = (y: number, q: 1 | 2 | 3 | 4, qualifier: ClaimedDate['qualifier'] = 'exact'): ClaimedDate => {
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  const days = new Date(Date.UTC(y, last, 0)).getUTCDate();
  return {
    start: `${y}-${String(first).padStart(2, '0')}-01`,
    end: `${y}-${String(last).padStart(2, '0')}-${days}`,
    precision: 'quarter',
    qualifier,
  };
};
const half = (y: number, h: 1 | 2): ClaimedDate =>
  h === 1
    ? { start: `${y}-01-01`, end: `${y}-06-30`, precision: 'half', qualifier: 'exact' }
    : { start: `${y}-07-01`, end: `${y}-12-31`, precision: 'half', qualifier: 'exact' };
const day = (date: string, qualifier: ClaimedDate['qualifier'] = 'exact'): ClaimedDate => ({
  start: date,
  end: date,
  precision: 'day',
  qualifier,
});

describe('datesConflict: intervals read with their qualifiers', () => {
  it.each([
    ['2030 vs 2031', year(2030), year(2031), true],
    ['2030 vs 2030', year(2030), year(2030), false],
    ['2028 vs Q3 2028 (a refinement)', year(2028), quarter(2028, 3), false],
    ['H1 2028 vs Q3 2028', half(2028, 1), quarter(2028, 3), true],
    ['no later than 2030 vs not before 2031', year(2030, 'no_later_than'), year(2031, 'no_earlier_than'), true],
    ['no later than 2030 vs 2029', year(2030, 'no_later_than'), year(2029), false],
    ['no later than 2030 vs 2031', year(2030, 'no_later_than'), year(2031), true],
    ['not before 2031 vs 2035', year(2031, 'no_earlier_than'), year(2035), false],
    ['not before 2033 vs 2030', year(2033, 'no_earlier_than'), year(2030), true],
    ['about 2030 vs 2031 (a period either side)', year(2030, 'approximate'), year(2031), false],
    ['about 2030 vs 2032', year(2030, 'approximate'), year(2032), true],
    ['about Q3 2027 vs Q4 2027', quarter(2027, 3, 'approximate'), quarter(2027, 4), false],
    ['about Q3 2027 vs Q1 2028', quarter(2027, 3, 'approximate'), quarter(2028, 1), true],
    [
      '15 April 2027 vs April 2027',
      day('2027-04-15'),
      { start: '2027-04-01', end: '2027-04-30', precision: 'month' as const, qualifier: 'exact' as const },
      false,
    ],
    ['15 April vs 16 April', day('2027-04-15'), day('2027-04-16'), true],
    ['no later than 15 April vs 1 April', day('2027-04-15', 'no_later_than'), day('2027-04-01'), false],
  ])('%s → %s', (_name, a, b, expected) => {
    expect(datesConflict(a, b)).toBe(expected);
    expect(datesConflict(b, a)).toBe(expected);
  });
});

describe('compareDates: precision-aware moves', () => {
  it.each([
    ['2028 → 2029 slipped a year', year(2028), year(2029), 'slipped', 365],
    ['2030 → 2031 slipped a year (leap)', year(2030), year(2031), 'slipped', 365],
    ['Q3 2027 → 2027 lost precision, no slip', quarter(2027, 3), year(2027), 'precisionLost', 0],
    ['2028 → H1 2028 refined', year(2028), half(2028, 1), 'refined', 0],
    ['2028 → 2028 unchanged', year(2028), year(2028), 'same', 0],
    ['2030 → 2029 brought forward', year(2030), year(2029), 'earlier', 365],
    ['Q3 2027 → 2028 slipped at least 6 months', quarter(2027, 3), year(2028), 'slipped', 184],
    ['H2 2028 → 2029', half(2028, 2), year(2029), 'slipped', 184],
    ['no later than 2030 → 2031', year(2030, 'no_later_than'), year(2031), 'slipped', 365],
    ['H2 2027 → 2027 lost precision', half(2027, 2), year(2027), 'precisionLost', 0],
    [
      'H1 2028 → Apr–Sep 2028 slipped a quarter',
      half(2028, 1),
      { start: '2028-04-01', end: '2028-09-30', precision: 'quarter' as const, qualifier: 'exact' as const },
      'slipped',
      91,
    ],
    [
      'by 2030 → not before 2029: moved, no measure',
      year(2030, 'no_later_than'),
      year(2029, 'no_earlier_than'),
      'moved',
      0,
    ],
  ])('%s', (_name, from, to, kind, days) => {
    expect(compareDates(from, to)).toEqual({ kind, days });
  });

  it('says a move in words, in both languages', () => {
    expect(moveText(compareDates(year(2028), year(2029)), 'ru')).toBe('перенос не меньше чем на 1 год');
    expect(moveText(compareDates(year(2028), year(2031)), 'ru')).toBe('перенос не меньше чем на 3 года');
    expect(moveText(compareDates(quarter(2027, 3), year(2028)), 'en')).toBe('slipped by at least 6 months');
    expect(moveText(compareDates(year(2028), half(2028, 1)), 'ru')).toBe('срок уточнён');
    expect(moveText(compareDates(quarter(2027, 3), year(2027)), 'en')).toBe('date less precise');
  });

  it.each([
    [1, { unit: 'days', count: 1 }],
    [27, { unit: 'days', count: 27 }],
    [31, { unit: 'months', count: 1 }],
    [184, { unit: 'months', count: 6 }],
    [365, { unit: 'years', count: 1 }],
    [1096, { unit: 'years', count: 3 }],
  ])('slipAmount(%i days)', (days, expected) => {
    expect(slipAmount(days)).toEqual(expected);
  });
});

let nextId = 1;
function claim(planned: ClaimedDate, over: Partial<ClaimEvidence> = {}): ClaimEvidence {
  return {
    id: nextId++,
    rank: 'other',
    planned,
    statedOn: '2026-06-01',
    publisher: `publisher ${nextId}`,
    sourceKind: 'news_agency',
    currentSince: null,
    ...over,
  };
}
const TODAY = '2026-12-01';

describe('confidenceOf: computed from the evidence, with its reasons', () => {
  it('is low with no date at all, and says so', () => {
    expect(confidenceOf([], TODAY)).toEqual({ level: 'low', reasons: [{ key: 'noDate' }] });
  });

  it('is low when no date claim is current', () => {
    expect(confidenceOf([claim(year(2030))], TODAY).reasons).toEqual([{ key: 'noCurrentClaim' }]);
  });

  it('is high for a reached milestone: its date is a fact', () => {
    expect(confidenceOf([], TODAY, true)).toEqual({ level: 'high', reasons: [{ key: 'reached' }] });
  });

  it('is low for one undated opinion column (the seed’s lithium date)', () => {
    const c = claim(year(2030), {
      rank: 'current',
      sourceKind: 'opinion',
      statedOn: null,
      publisher: 'source:5',
      currentSince: 'x',
    });
    const result = confidenceOf([c], TODAY);
    expect(result.level).toBe('low');
    expect(result.reasons).toEqual([
      { key: 'backers', count: 1 },
      { key: 'strongestKind', kind: 'opinion' },
      { key: 'undated' },
    ]);
    expect(result.reasons.map((r) => reasonText(r, 'ru')).join('; ')).toBe(
      '1 независимый источник; только мнение автора колонки; заявление без даты',
    );
  });

  it.each([
    ['an official statement, fresh', [{ kind: 'official' as const }], 'high'],
    ['a news agency, fresh', [{ kind: 'news_agency' as const }], 'medium'],
    ['two agencies agree', [{ kind: 'news_agency' as const }, { kind: 'news_agency' as const }], 'high'],
    ['other media only', [{ kind: 'other_media' as const }], 'medium'],
    ['unknown kind only', [{ kind: 'unknown' as const }], 'low'],
  ])('%s → %s', (_name, sources, level) => {
    const [first, ...rest] = sources.map((s, i) =>
      claim(year(2030), {
        sourceKind: s.kind,
        rank: i === 0 ? 'current' : 'other',
        currentSince: i === 0 ? 'a' : null,
      }),
    );
    expect(confidenceOf([first as ClaimEvidence, ...rest], TODAY).level).toBe(level);
  });

  it('counts one publisher once, however many of its texts agree', () => {
    const a = claim(year(2030), { rank: 'current', publisher: 'тасс', currentSince: 'a' });
    const b = claim(year(2030), { publisher: 'тасс' });
    expect(confidenceOf([a, b], TODAY).reasons[0]).toEqual({ key: 'backers', count: 1 });
  });

  it('loses a point for a statement older than 18 months', () => {
    const c = claim(year(2030), { rank: 'current', sourceKind: 'official', statedOn: '2025-01-15', currentSince: 'a' });
    const result = confidenceOf([c], TODAY);
    expect(result.level).toBe('medium');
    expect(result.reasons).toContainEqual({ key: 'stale', months: 22 });
  });

  it('loses two points while sources disagree, and gets them back when the other is superseded', () => {
    const current = claim(year(2030), { rank: 'current', sourceKind: 'official', currentSince: 'a' });
    const other = claim(year(2031));
    expect(conflictingPairs([current, other])).toEqual([[current.id, other.id]]);
    const disputed = confidenceOf([current, other], TODAY);
    expect(disputed.level).toBe('medium');
    expect(disputed.reasons).toContainEqual({ key: 'conflict' });
    const resolved = confidenceOf([current, { ...other, rank: 'superseded' }], TODAY);
    expect(resolved.level).toBe('high');
    expect(resolved.reasons).not.toContainEqual({ key: 'conflict' });
  });

  it('loses a point for a slip, two from three slips', () => {
    const steps = [2028, 2029, 2030, 2031].map((y, i) =>
      claim(year(y), {
        rank: i === 3 ? 'current' : 'superseded',
        sourceKind: 'official',
        currentSince: `2026-0${i + 1}-01`,
      }),
    );
    const once = confidenceOf([steps[0], { ...steps[1], rank: 'current' }] as ClaimEvidence[], TODAY);
    expect(once.reasons).toContainEqual({ key: 'slipped', count: 1 });
    expect(once.level).toBe('medium');
    const thrice = confidenceOf(steps, TODAY);
    expect(thrice.reasons).toContainEqual({ key: 'slipped', count: 3 });
    expect(thrice.level).toBe('medium');
    expect(reasonText({ key: 'slipped', count: 3 }, 'ru')).toBe('срок переносился 3 раза');
    expect(reasonText({ key: 'slipped', count: 1 }, 'en')).toBe('the date slipped 1 time');
  });

  it('orders the promise history by when each promise was made current', () => {
    const later = claim(year(2031), { rank: 'current', currentSince: '2026-05-01' });
    const earlier = claim(year(2030), { rank: 'superseded', currentSince: '2026-01-01' });
    const never = claim(year(2035));
    expect(promiseSteps([later, never, earlier]).map((s) => [s.claimId, s.move?.kind ?? null])).toEqual([
      [earlier.id, null],
      [later.id, 'slipped'],
    ]);
  });
});

describe('the claim schemas refuse what makes no sense, naming the field', () => {
  it.each([
    [{ ...day('2027-04-15'), qualifier: 'approximate' }, 'qualifier', 'errors.qualifierOnDay'],
    [
      { start: '2030-01-01', end: '2030-06-30', precision: 'year', qualifier: 'exact' },
      'end',
      'errors.plannedInterval',
    ],
    [{ start: '2030-02-30', end: '2030-12-31', precision: 'year', qualifier: 'exact' }, 'start', 'errors.noSuchDate'],
  ])('%j', (value, field, message) => {
    const parsed = claimedDateSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(expect.objectContaining({ path: [field], message }));
  });

  it('wants either a date or a status, not both and not neither', () => {
    const base = { milestoneId: 1, version: 1, reason: 'Новая статья', citation: { sourceId: 1, quote: 'Цитата' } };
    expect(claimAddSchema.safeParse({ ...base, planned: year(2031) }).success).toBe(true);
    expect(claimAddSchema.safeParse({ ...base, status: 'delayed' }).success).toBe(true);
    // Neither: the form was sent before its date was given, and is told so.
    expect(claimAddSchema.safeParse(base).error?.issues[0]?.message).toBe('errors.claimSaysNothing');
    const both = { ...base, planned: year(2031), status: 'delayed' };
    expect(claimAddSchema.safeParse(both).error?.issues[0]?.message).toBe('errors.claimDateOrStatus');
  });
});
