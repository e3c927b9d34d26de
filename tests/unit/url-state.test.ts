import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  filterToSearchParams,
  LANE_MODES,
  loadFilterCheck,
  parseView,
  type RoadmapView,
  VIEWS,
  viewToSearch,
  waitsForFilterCheck,
} from '../../client/lib/url-state';
import { CONFIDENCE_LEVELS } from '../../shared/claim-enums';
import { STATUSES } from '../../shared/status';

const DEFAULT: RoadmapView = { view: 'timeline', lanes: 'workstream', filter: {}, ids: [], selected: null };
const withFilter = (filter: RoadmapView['filter']): RoadmapView => ({ ...DEFAULT, filter });

describe('the first screen reads a plain link without the filter check (zod)', () => {
  it('a link without filters is read at once; one with filters waits for the check', async () => {
    expect(waitsForFilterCheck('?view=table&lanes=region&m=4&ids=3&lang=en&zoom=year&sort=title')).toBe(false);
    expect(parseView('?view=table&m=4')).toEqual({ ...DEFAULT, view: 'table', selected: 4 });
    expect(waitsForFilterCheck('?q=solar')).toBe(true);
    expect(waitsForFilterCheck('?disagree=1')).toBe(true);
    expect(() => parseView('?status=done')).toThrow(/loadFilterCheck/);
    await loadFilterCheck();
    expect(waitsForFilterCheck('?status=done')).toBe(false);
    expect(parseView('?status=done')).toEqual(withFilter({ status: ['done'] }));
  });
});

describe('parseView reads a shared link', () => {
  beforeAll(loadFilterCheck);

  it.each<[string, string, RoadmapView]>([
    ['an empty link opens the timeline by workstream', '', DEFAULT],
    ['the leading "?" is optional', 'view=table', { ...DEFAULT, view: 'table' }],
    [
      'screen, lanes and open milestone',
      '?view=history&lanes=participant&m=42',
      { view: 'history', lanes: 'participant', filter: {}, ids: [], selected: 42 },
    ],
    [
      'lists split on commas, ids as numbers in their order',
      '?status=planned,done&workstream=3,1&participant=7&region=2',
      withFilter({ status: ['planned', 'done'], workstream: [3, 1], participant: [7], region: [2] }),
    ],
    ['empty list items are skipped', '?workstream=1,,2,', withFilter({ workstream: [1, 2] })],
    ['an empty parameter is no filter', '?status=&q=&from=', DEFAULT],
    ['the search text is trimmed', '?q=%20solar%20plant%20', withFilter({ q: 'solar plant' })],
    ['a date range', '?from=2030-01-01&to=2030-12-31', withFilter({ from: '2030-01-01', to: '2030-12-31' })],
    ['a one-day range', '?from=2030-01-01&to=2030-01-01', withFilter({ from: '2030-01-01', to: '2030-01-01' })],
    ['unknown parameters are ignored', '?utm_source=mail&status=done', withFilter({ status: ['done'] })],
    [
      'sources disagree, low or medium confidence',
      '?disagree=1&confidence=low,medium',
      withFilter({ disagree: true, confidence: ['low', 'medium'] }),
    ],
    [
      'a track record figure: these milestones only',
      '?view=table&ids=7,3,7',
      { ...DEFAULT, view: 'table', ids: [7, 3] },
    ],
  ])('%s', (_, search, expected) => {
    expect(parseView(search)).toEqual(expected);
  });
});

describe('a hand-edited link with a bad part keeps the parts that are good', () => {
  beforeAll(loadFilterCheck);

  it.each<[string, string, Partial<RoadmapView>]>([
    ['an unknown screen opens the timeline', '?view=admin&lanes=region', { view: 'timeline', lanes: 'region' }],
    ['unknown lanes fall back to workstreams', '?view=table&lanes=people', { view: 'table', lanes: 'workstream' }],
    ['milestone 0 is none', '?m=0', { selected: null }],
    ['a negative milestone is none', '?m=-3', { selected: null }],
    ['a fractional milestone is none', '?m=1.5', { selected: null }],
    ['a word for a milestone is none', '?m=abc&view=table', { selected: null, view: 'table' }],
    [
      'one unknown status drops the status list, not the search',
      '?status=planned,bogus&q=solar',
      { filter: { q: 'solar' } },
    ],
    ['one id that is not a number drops that list only', '?workstream=1,x&region=2', { filter: { region: [2] } }],
    ['id 0 is not an id', '?participant=0&region=5', { filter: { region: [5] } }],
    ['an impossible day drops that date', '?from=2030-02-30&to=2031-01-01', { filter: { to: '2031-01-01' } }],
    ['a date in another format drops that date', '?from=01.01.2030', { filter: {} }],
    ['an end before the start drops the end', '?from=2031-01-01&to=2030-01-01', { filter: { from: '2031-01-01' } }],
    [
      'a search text over 200 characters is dropped',
      `?q=${'x'.repeat(201)}&status=done`,
      { filter: { status: ['done'] } },
    ],
    ['more than 20 statuses are dropped', `?status=${Array(21).fill('done').join(',')}`, { filter: {} }],
    ['disagree is only 1', '?disagree=yes&status=done', { filter: { status: ['done'] } }],
    ['an unknown confidence drops that list', '?confidence=low,sure&q=x', { filter: { q: 'x' } }],
    ['ids with a bad part are dropped whole', '?ids=3,x,4&view=table', { view: 'table' }],
    ['id 0 is not a milestone', '?ids=0,4', {}],
  ])('%s', (_, search, expected) => {
    expect(parseView(search)).toEqual({ ...DEFAULT, ...expected });
  });
});

describe('viewToSearch writes the link', () => {
  it.each<[string, RoadmapView, string]>([
    ['the default view is the bare address', DEFAULT, ''],
    ['empty lists and an empty search are left out', withFilter({ status: [], workstream: [], q: '' }), ''],
    [
      'filters first, then screen, lanes and milestone',
      {
        view: 'table',
        lanes: 'region',
        filter: { status: ['planned', 'at_risk'], workstream: [1, 2], q: 'a b', from: '2030-01-01', to: '2030-12-31' },
        ids: [],
        selected: 5,
      },
      '?status=planned%2Cat_risk&workstream=1%2C2&q=a+b&from=2030-01-01&to=2030-12-31&view=table&lanes=region&m=5',
    ],
    ['only what differs from the default', { ...DEFAULT, lanes: 'participant' }, '?lanes=participant'],
  ])('%s', (_, view, search) => {
    expect(viewToSearch(view)).toBe(search);
  });

  it('the CSV export reuses the filter part alone', () => {
    expect(filterToSearchParams({ participant: [4, 9], q: 'x', to: '2030-06-30' }).toString()).toBe(
      'participant=4%2C9&q=x&to=2030-06-30',
    );
  });
});

const day = fc
  .date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const ids = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 10 });
const validView: fc.Arbitrary<RoadmapView> = fc
  .record(
    {
      view: fc.constantFrom(...VIEWS),
      lanes: fc.constantFrom(...LANE_MODES),
      selected: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
      status: fc.array(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 20 }),
      workstream: ids,
      participant: ids,
      region: ids,
      q: fc
        .string({ maxLength: 200 })
        .map((s) => s.trim())
        .filter(Boolean),
      dates: fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
      disagree: fc.constant(true),
      confidence: fc.uniqueArray(fc.constantFrom(...CONFIDENCE_LEVELS), { minLength: 1, maxLength: 3 }),
      ids: fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 20 }),
    },
    { requiredKeys: ['view', 'lanes', 'selected', 'ids'] },
  )
  .map(({ view, lanes, selected, dates, ids: chosen, ...lists }) => ({
    view,
    lanes,
    ids: chosen,
    selected,
    filter: { ...lists, ...(dates ? { from: dates[0], to: dates[1] } : {}) },
  }));

describe('a link round-trips', () => {
  beforeAll(loadFilterCheck);

  it.each<[string, RoadmapView]>([
    ['the default', DEFAULT],
    [
      'everything set',
      {
        view: 'participants',
        lanes: 'participant',
        filter: {
          status: ['delayed'],
          workstream: [2],
          participant: [3, 4],
          region: [5],
          q: 'Росатом, «ТЭС» & co',
          from: '2028-01-01',
          to: '2029-06-30',
        },
        ids: [12, 3],
        selected: 77,
      },
    ],
    [
      'what the sources say: disagreement and confidence',
      { ...DEFAULT, view: 'moves', filter: { disagree: true, confidence: ['low', 'medium'] } },
    ],
  ])('%s', (_, view) => {
    expect(parseView(viewToSearch(view))).toEqual(view);
  });

  it('any valid view reads back as itself', () => {
    fc.assert(
      fc.property(validView, (view) => {
        expect(parseView(viewToSearch(view))).toEqual(view);
      }),
    );
  });
});
