import { nextDay } from '../../../shared/calendar-date';
import type { Language } from '../../../shared/date-label';
import type { LaneMode } from '../../lib/url-state';
import type { MilestoneListItem } from '../../lib/use-filtered-milestones';

export interface LaneSource {
  id: number;
  nameRu: string;
  nameEn: string | null;
}

export interface TimelineGroup {
  id: string;
  content: HTMLElement;
  order: number;
}

export interface TimelineItem {
  id: string;
  group: string;
  start: string;
  end?: string;
  type: 'range' | 'point' | 'background';
  content: HTMLElement;
  /**
   * The hover text and the keyboard's name for the item, built when first asked for: a chart of
   * 500 milestones draws a fifth of them at first, and building every tooltip up front was most
   * of buildTimeline's time.
   */
  tooltip: () => HTMLElement;
  className: string;
  /** Only planned dates move by dragging; a reached date is a fact, and a ghost is history. */
  editable: false | { updateTime: true; updateGroup: false; remove: false };
  selectable?: boolean;
}

export const NO_LANE = 'none';

interface Texts {
  title: (m: MilestoneListItem) => string;
  laneName: (lane: LaneSource) => string;
  noLane: string;
  status: (m: MilestoneListItem) => string;
  date: (m: MilestoneListItem) => string | null;
  /** Label of the originally announced date drawn behind a slipped milestone; null hides the ghosts. */
  baseline: ((m: MilestoneListItem) => string) | null;
  slipped: string;
  /** "Уверенность в сроке: низкая — …": the level and its reasons, for the tooltip. */
  confidence: (m: MilestoneListItem) => string;
  /** "Источники расходятся: 2030–2031" for a disputed milestone, else null. */
  conflict: (m: MilestoneListItem) => string | null;
  language: Language;
  /** Whether the viewer may drag items (planners); an item's own setting wins over the chart's. */
  canEdit: boolean;
}

const MOVABLE = { updateTime: true, updateGroup: false, remove: false } as const;
const BASELINE_SUFFIX = ':baseline';

/** A lane's name: wraps within the lane column (styles.css), in full on hover when cut short. */
function laneLabel(name: string): HTMLElement {
  const el = textElement('span', name, 'lane-label');
  el.title = name;
  return el;
}

/** User text goes in as textContent: the timeline never parses a title or name as HTML. */
function textElement(tag: string, text: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

/** Built once, on first use; a milestone's item, spread and ghost share it. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

function tooltipFor(m: MilestoneListItem, texts: Texts): HTMLElement {
  const box = document.createElement('div');
  box.className = 'timeline-tooltip';
  box.append(textElement('strong', texts.title(m)));
  const date = texts.date(m);
  if (date) box.append(textElement('div', date));
  box.append(textElement('div', texts.status(m)));
  if (m.slipped) box.append(textElement('div', texts.slipped, 'tooltip-slipped'));
  const conflict = texts.conflict(m);
  if (conflict) box.append(textElement('div', conflict, 'tooltip-conflict'));
  box.append(textElement('div', texts.confidence(m), `tooltip-confidence confidence-${m.confidence.level}`));
  return box;
}

/**
 * Whether an item is the milestone itself, the one that is selected and dragged: not the span
 * of its sources' dates nor the date first announced, drawn behind it under ids of their own.
 */
export function isMilestoneItem(item: { id: string | number; type?: string }): boolean {
  return item.type !== 'background' && !String(item.id).endsWith(BASELINE_SUFFIX);
}

/** The milestone id behind a timeline item id ("12", or "12:5" in participant lanes). */
export function milestoneIdOfItem(itemId: string | number): number {
  return Number(String(itemId).split(':')[0]);
}

function lanesOf(m: MilestoneListItem, mode: LaneMode): string[] {
  switch (mode) {
    case 'workstream':
      return [m.workstreamId === null ? NO_LANE : String(m.workstreamId)];
    case 'region':
      return [m.regionId === null ? NO_LANE : String(m.regionId)];
    case 'participant': {
      const ids = [...new Set(m.participants.map((p) => p.participantId))];
      return ids.length ? ids.map(String) : [NO_LANE];
    }
  }
}

/**
 * Items and lanes for vis-timeline. A reached milestone is a point on its actual day; a
 * planned one is a point for a day or a range over its whole period, marked approximate so
 * that "2030" reads as "some time in 2030", not as 1 January.
 */
export function buildTimeline(
  milestones: MilestoneListItem[],
  lanes: LaneSource[],
  mode: LaneMode,
  texts: Texts,
): { items: TimelineItem[]; groups: TimelineGroup[] } {
  const items: TimelineItem[] = [];
  const used = new Set<string>();
  for (const m of milestones) {
    const base = { className: `status-${m.status}${m.slipped ? ' slipped' : ''}${m.conflict ? ' disputed' : ''}` };
    let placement: Pick<TimelineItem, 'start' | 'end' | 'type' | 'className'>;
    if (m.actualDate) {
      placement = { ...base, start: m.actualDate, type: 'point', className: `${base.className} precision-day` };
    } else if (m.plannedStart && m.plannedEnd && m.plannedPrecision) {
      placement =
        m.plannedPrecision === 'day'
          ? { ...base, start: m.plannedStart, type: 'point', className: `${base.className} precision-day` }
          : {
              ...base,
              start: m.plannedStart,
              end: nextDay(m.plannedEnd),
              type: 'range',
              className: `${base.className} approximate precision-${m.plannedPrecision}`,
            };
    } else {
      continue;
    }
    const laneIds = lanesOf(m, mode);
    const label = `${m.slipped ? '⚠ ' : ''}${m.conflict ? '⚖ ' : ''}${texts.title(m)}`;
    const tooltip = lazy(() => tooltipFor(m, texts));
    for (const lane of laneIds) {
      used.add(lane);
      const id = mode === 'participant' ? `${m.id}:${lane}` : String(m.id);
      items.push({
        ...placement,
        id,
        group: lane,
        content: textElement('span', label, 'timeline-item-label'),
        tooltip,
        editable: texts.canEdit && !m.actualDate && placement.type === 'range' ? MOVABLE : false,
      });
      // Sources disagree: the span of their live dates is drawn behind the item, across its lane.
      if (m.conflict && m.claimSpread) {
        items.push({
          id: `${id}:spread`,
          group: lane,
          start: m.claimSpread.start,
          end: nextDay(m.claimSpread.end),
          type: 'background',
          className: 'claim-spread',
          // No label of its own: it would sit over the item's; the item's tooltip says it in words.
          content: textElement('span', ''),
          tooltip,
          editable: false,
          selectable: false,
        });
      }
      if (texts.baseline && m.slipped && m.baselineStart && m.baselineEnd) {
        items.push({
          id: `${id}${BASELINE_SUFFIX}`,
          group: lane,
          start: m.baselineStart,
          end: nextDay(m.baselineEnd),
          type: 'range',
          className: `baseline-ghost status-${m.status}`,
          content: textElement('span', texts.baseline(m)),
          tooltip,
          editable: false,
        });
      }
    }
  }

  // Workstreams and regions are few and fixed: keep every lane so the chart does not jump
  // when a filter empties one. Participants are many: show those that have items.
  const groups: TimelineGroup[] = lanes
    .filter((lane) => mode !== 'participant' || used.has(String(lane.id)))
    .map((lane, order) => ({ id: String(lane.id), content: laneLabel(texts.laneName(lane)), order }));
  if (used.has(NO_LANE)) groups.push({ id: NO_LANE, content: laneLabel(texts.noLane), order: groups.length });
  return { items, groups };
}
