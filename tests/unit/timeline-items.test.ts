import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildTimeline,
  type LaneSource,
  milestoneIdOfItem,
  NO_LANE,
  type TimelineItem,
} from '../../client/features/timeline/timeline-items';
import type { MilestoneListItem } from '../../client/lib/use-filtered-milestones';

/** Just enough of the DOM for buildTimeline, which builds its labels as elements with textContent. */
class FakeElement {
  textContent = '';
  className = '';
  readonly children: FakeElement[] = [];
  constructor(readonly tagName: string) {}
  append(...nodes: FakeElement[]) {
    this.children.push(...nodes);
  }
}
beforeAll(() => {
  vi.stubGlobal('document', { createElement: (tag: string) => new FakeElement(tag) });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
const fake = (el: HTMLElement) => el as unknown as FakeElement;

function milestone(id: number, fields: Partial<MilestoneListItem> = {}): MilestoneListItem {
  return {
    id,
    title: `M${id}`,
    titleEn: null,
    status: 'planned',
    workstreamId: 1,
    regionId: null,
    site: null,
    plannedStart: null,
    plannedEnd: null,
    plannedPrecision: null,
    actualDate: null,
    baselineStart: null,
    baselineEnd: null,
    baselinePrecision: null,
    version: 1,
    slipped: false,
    participants: [],
    conflict: false,
    claimSpread: null,
    confidence: { level: 'low', reasons: [] },
    ...fields,
  };
}

type Texts = Parameters<typeof buildTimeline>[3];
const texts = (fields: Partial<Texts> = {}): Texts => ({
  title: (m) => m.title,
  laneName: (lane) => lane.nameRu,
  noLane: 'No lane',
  status: (m) => `status ${m.status}`,
  date: (m) => m.actualDate ?? m.plannedStart,
  baseline: (m) => `announced ${m.baselineStart}`,
  slipped: 'Later than announced',
  confidence: (m) => `confidence ${m.confidence.level}`,
  conflict: (m) => (m.conflict ? 'Sources disagree' : null),
  language: 'en',
  canEdit: true,
  ...fields,
});

const WORKSTREAMS: LaneSource[] = [
  { id: 1, nameRu: 'Генерация', nameEn: 'Generation' },
  { id: 2, nameRu: 'Сети', nameEn: 'Grids' },
];
const PARTICIPANTS: LaneSource[] = [7, 8, 9].map((id) => ({ id, nameRu: `P${id}`, nameEn: null }));
const MOVABLE = { updateTime: true, updateGroup: false, remove: false } as const;

const planned = (precision: MilestoneListItem['plannedPrecision'], start: string, end: string) => ({
  plannedPrecision: precision,
  plannedStart: start,
  plannedEnd: end,
});

const placementOf = (item: TimelineItem | undefined) =>
  item && { type: item.type, start: item.start, end: item.end, className: item.className, editable: item.editable };

describe('where a milestone goes on the chart', () => {
  it.each<[string, Partial<MilestoneListItem>, ReturnType<typeof placementOf>]>([
    [
      'a reached milestone is a point on its actual day, whatever was planned',
      { status: 'done', actualDate: '2029-03-04', ...planned('year', '2030-01-01', '2030-12-31') },
      { type: 'point', start: '2029-03-04', end: undefined, className: 'status-done precision-day', editable: false },
    ],
    [
      'a day is a point, and a point does not move by dragging',
      planned('day', '2030-05-10', '2030-05-10'),
      {
        type: 'point',
        start: '2030-05-10',
        end: undefined,
        className: 'status-planned precision-day',
        editable: false,
      },
    ],
    [
      'a month is a range over the whole month, ending the day after',
      planned('month', '2030-05-01', '2030-05-31'),
      {
        type: 'range',
        start: '2030-05-01',
        end: '2030-06-01',
        className: 'status-planned approximate precision-month',
        editable: MOVABLE,
      },
    ],
    [
      'a quarter',
      planned('quarter', '2030-04-01', '2030-06-30'),
      {
        type: 'range',
        start: '2030-04-01',
        end: '2030-07-01',
        className: 'status-planned approximate precision-quarter',
        editable: MOVABLE,
      },
    ],
    [
      'a half-year crosses into the next year at its end',
      planned('half', '2030-07-01', '2030-12-31'),
      {
        type: 'range',
        start: '2030-07-01',
        end: '2031-01-01',
        className: 'status-planned approximate precision-half',
        editable: MOVABLE,
      },
    ],
    [
      'a year reads as "some time in 2030", not 1 January',
      planned('year', '2030-01-01', '2030-12-31'),
      {
        type: 'range',
        start: '2030-01-01',
        end: '2031-01-01',
        className: 'status-planned approximate precision-year',
        editable: MOVABLE,
      },
    ],
    [
      'a slipped milestone is marked in its class',
      { status: 'at_risk', slipped: true, ...planned('year', '2031-01-01', '2031-12-31') },
      {
        type: 'range',
        start: '2031-01-01',
        end: '2032-01-01',
        className: 'status-at_risk slipped approximate precision-year',
        editable: MOVABLE,
      },
    ],
  ])('%s', (_, fields, expected) => {
    const { items } = buildTimeline([milestone(1, fields)], WORKSTREAMS, 'workstream', texts());
    expect(items).toHaveLength(1);
    expect(placementOf(items[0])).toEqual(expected);
  });

  it('only planners can drag, and only planned periods', () => {
    const milestones = [
      milestone(1, planned('year', '2030-01-01', '2030-12-31')),
      milestone(2, { actualDate: '2029-01-01' }),
    ];
    const forPlanner = buildTimeline(milestones, WORKSTREAMS, 'workstream', texts({ canEdit: true })).items;
    const forReader = buildTimeline(milestones, WORKSTREAMS, 'workstream', texts({ canEdit: false })).items;
    expect(forPlanner.map((i) => i.editable)).toEqual([MOVABLE, false]);
    expect(forReader.map((i) => i.editable)).toEqual([false, false]);
  });
});

describe('undated milestones stay off the chart', () => {
  it.each<[string, Partial<MilestoneListItem>]>([
    ['no date at all', {}],
    ['a start without a precision', { plannedStart: '2030-01-01', plannedEnd: '2030-12-31' }],
    ['a precision without an end', { plannedStart: '2030-01-01', plannedPrecision: 'year' }],
  ])('%s', (_, fields) => {
    const { items, groups } = buildTimeline(
      [milestone(1, { ...fields, workstreamId: null })],
      WORKSTREAMS,
      'workstream',
      texts(),
    );
    expect(items).toEqual([]);
    // Its missing workstream does not open the "no lane" lane either.
    expect(groups.map((g) => g.id)).toEqual(['1', '2']);
  });
});

describe('lanes', () => {
  const dated = planned('month', '2030-05-01', '2030-05-31');

  it('workstreams: every lane stays, in order, and "no lane" comes last when used', () => {
    const { items, groups } = buildTimeline(
      [milestone(1, { ...dated, workstreamId: 2 }), milestone(2, { ...dated, workstreamId: null })],
      WORKSTREAMS,
      'workstream',
      texts(),
    );
    expect(items.map((i) => [i.id, i.group])).toEqual([
      ['1', '2'],
      ['2', NO_LANE],
    ]);
    expect(groups.map((g) => [g.id, fake(g.content).textContent, g.order])).toEqual([
      ['1', 'Генерация', 0],
      ['2', 'Сети', 1],
      [NO_LANE, 'No lane', 2],
    ]);
  });

  it('regions: by the region, the same way', () => {
    const regions: LaneSource[] = [{ id: 5, nameRu: 'Север', nameEn: null }];
    const { items, groups } = buildTimeline(
      [milestone(1, { ...dated, regionId: 5 }), milestone(2, { ...dated, regionId: null })],
      regions,
      'region',
      texts(),
    );
    expect(items.map((i) => [i.id, i.group])).toEqual([
      ['1', '5'],
      ['2', NO_LANE],
    ]);
    expect(groups.map((g) => g.id)).toEqual(['5', NO_LANE]);
  });

  it('participants: one item per participant (several roles count once), only lanes that have items', () => {
    const { items, groups } = buildTimeline(
      [
        milestone(1, {
          ...dated,
          participants: [
            { participantId: 9, role: 'lead' },
            { participantId: 7, role: 'executor' },
            { participantId: 9, role: 'partner' },
          ],
        }),
        milestone(2, dated),
      ],
      PARTICIPANTS,
      'participant',
      texts(),
    );
    expect(items.map((i) => [i.id, i.group])).toEqual([
      ['1:9', '9'],
      ['1:7', '7'],
      ['2:none', NO_LANE],
    ]);
    expect(groups.map((g) => [g.id, g.order])).toEqual([
      ['7', 0],
      ['9', 1],
      [NO_LANE, 2],
    ]);
  });

  it.each<[string | number, number]>([
    ['12', 12],
    [12, 12],
    ['12:5', 12],
    ['12:none', 12],
    ['12:baseline', 12],
    ['12:5:baseline', 12],
  ])('item %j belongs to milestone %i', (itemId, milestoneId) => {
    expect(milestoneIdOfItem(itemId)).toBe(milestoneId);
  });
});

describe('labels and tooltips', () => {
  it('a slipped milestone is flagged in its label and its tooltip', () => {
    const [item] = buildTimeline(
      [milestone(1, { slipped: true, status: 'delayed', ...planned('year', '2031-01-01', '2031-12-31') })],
      WORKSTREAMS,
      'workstream',
      texts({ baseline: null }),
    ).items;
    expect(fake(item!.content).textContent).toBe('⚠ M1');
    expect(fake(item!.tooltip()).children.map((c) => [c.tagName, c.textContent, c.className])).toEqual([
      ['strong', 'M1', ''],
      ['div', '2031-01-01', ''],
      ['div', 'status delayed', ''],
      ['div', 'Later than announced', 'tooltip-slipped'],
      ['div', 'confidence low', 'tooltip-confidence confidence-low'],
    ]);
  });

  it('sources that disagree: the spread of their dates is drawn behind the item, and the tooltip says so', () => {
    const { items } = buildTimeline(
      [
        milestone(1, {
          conflict: true,
          claimSpread: { start: '2030-01-01', end: '2031-12-31' },
          confidence: { level: 'low', reasons: ['sources disagree on the date'] },
          ...planned('year', '2030-01-01', '2030-12-31'),
        }),
      ],
      WORKSTREAMS,
      'workstream',
      texts(),
    );
    const [item, spread] = items;
    expect(fake(item!.content).textContent).toBe('⚖ M1');
    expect(item!.className).toContain('disputed');
    expect(spread).toMatchObject({
      id: '1:spread',
      group: '1',
      type: 'background',
      start: '2030-01-01',
      end: '2032-01-01',
      className: 'claim-spread',
      editable: false,
    });
    expect(fake(item!.tooltip()).children.map((c) => c.textContent)).toContain('Sources disagree');
  });

  it('a tooltip is built when first asked for, once, and the spread behind an item shares it', () => {
    const confidence = vi.fn((m: MilestoneListItem) => `confidence ${m.confidence.level}`);
    const disputed = {
      conflict: true,
      claimSpread: { start: '2030-01-01', end: '2031-12-31' },
      ...planned('year', '2030-01-01', '2030-12-31'),
    };
    const { items } = buildTimeline(
      [milestone(1, disputed), milestone(2, planned('year', '2031-01-01', '2031-12-31'))],
      WORKSTREAMS,
      'workstream',
      texts({ confidence }),
    );
    expect(confidence).not.toHaveBeenCalled();
    const [item, spread] = items;
    expect(spread!.tooltip()).toBe(item!.tooltip());
    expect(confidence).toHaveBeenCalledTimes(1);
  });

  it('without a date label the tooltip has no date line', () => {
    const [item] = buildTimeline(
      [milestone(1, planned('year', '2030-01-01', '2030-12-31'))],
      WORKSTREAMS,
      'workstream',
      texts({ date: () => null }),
    ).items;
    expect(fake(item!.content).textContent).toBe('M1');
    expect(fake(item!.tooltip()).children.map((c) => c.textContent)).toEqual([
      'M1',
      'status planned',
      'confidence low',
    ]);
  });

  it('a title is text, never markup', () => {
    const [item] = buildTimeline(
      [milestone(1, { title: '<img src=x onerror=alert(1)>', ...planned('day', '2030-01-01', '2030-01-01') })],
      WORKSTREAMS,
      'workstream',
      texts(),
    ).items;
    expect(fake(item!.content).textContent).toBe('<img src=x onerror=alert(1)>');
    expect(fake(item!.content).children).toEqual([]);
  });
});

describe('the originally announced date behind a slipped milestone', () => {
  const slipped = {
    slipped: true,
    status: 'at_risk' as const,
    ...planned('year', '2031-01-01', '2031-12-31'),
    baselineStart: '2030-01-01',
    baselineEnd: '2030-12-31',
    baselinePrecision: 'year' as const,
  };

  it('is a fixed range right after the milestone', () => {
    const { items } = buildTimeline([milestone(1, slipped)], WORKSTREAMS, 'workstream', texts());
    expect(items.map((i) => i.id)).toEqual(['1', '1:baseline']);
    const ghost = items[1]!;
    expect(placementOf(ghost)).toEqual({
      type: 'range',
      start: '2030-01-01',
      end: '2031-01-01',
      className: 'baseline-ghost status-at_risk',
      editable: false,
    });
    expect(ghost.group).toBe('1');
    expect(fake(ghost.content).textContent).toBe('announced 2030-01-01');
  });

  it('is drawn in every participant lane', () => {
    const withRoles = {
      ...slipped,
      participants: [
        { participantId: 7, role: 'lead' as const },
        { participantId: 8, role: 'partner' as const },
      ],
    };
    const { items } = buildTimeline([milestone(1, withRoles)], PARTICIPANTS, 'participant', texts());
    expect(items.map((i) => [i.id, i.group])).toEqual([
      ['1:7', '7'],
      ['1:7:baseline', '7'],
      ['1:8', '8'],
      ['1:8:baseline', '8'],
    ]);
  });

  it.each<[string, Partial<MilestoneListItem>, Partial<Texts>]>([
    ['hidden when the viewer turns ghosts off', slipped, { baseline: null }],
    ['absent when the milestone has not slipped', { ...slipped, slipped: false }, {}],
    ['absent without a baseline end', { ...slipped, baselineEnd: null }, {}],
  ])('%s', (_, fields, textFields) => {
    const { items } = buildTimeline([milestone(1, fields)], WORKSTREAMS, 'workstream', texts(textFields));
    expect(items.map((i) => i.id)).toEqual(['1']);
  });
});
