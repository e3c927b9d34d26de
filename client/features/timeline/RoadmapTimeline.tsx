import moment from 'moment';
// The locale must register on the same copy of moment that vis-timeline imports (moment/dist).
import 'moment/dist/locale/ru';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DataSet } from 'vis-data/esnext';
import { Timeline } from 'vis-timeline/esnext';
import 'vis-timeline/styles/vis-timeline-graph2d.css';
import { milestoneIdOfItem, type TimelineGroup, type TimelineItem } from './timeline-items';
import { attachTimelineKeyboard, type TimelineKeyboard } from './timeline-keyboard';
import { DAY_MS, TIMELINE_OPTIONS } from './timeline-options';

/** Zoom presets: the width of the visible window, centred where the user is looking. */
export const ZOOM_PRESETS = {
  decade: 10 * 365.25 * DAY_MS,
  year: 365.25 * DAY_MS,
  quarter: 91.3 * DAY_MS,
  month: 30.5 * DAY_MS,
} as const;
export type ZoomPreset = keyof typeof ZOOM_PRESETS;

interface RoadmapTimelineProps {
  items: TimelineItem[];
  groups: TimelineGroup[];
  selectedId: number | null;
  onSelect: (milestoneId: number) => void;
  /** Planners may drag planned items; the drop only proposes a date, the change form decides. */
  editable: boolean;
  onMove: (milestoneId: number, start: Date, end: Date) => void;
  /** Bumped to put every item back where the data says (a proposed move was cancelled). */
  resetKey: number;
}

const EDITABLE = { updateTime: true, updateGroup: false, add: false, remove: false, overrideItems: false };

export function RoadmapTimeline({
  items,
  groups,
  selectedId,
  onSelect,
  editable,
  onMove,
  resetKey,
}: RoadmapTimelineProps) {
  const { t, i18n } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const timelineRef = useRef<Timeline | null>(null);
  const itemsRef = useRef(new DataSet<TimelineItem, 'id'>());
  const groupsRef = useRef(new DataSet<TimelineGroup, 'id'>());
  const fittedRef = useRef(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  const keyboardRef = useRef<TimelineKeyboard | null>(null);
  const hintId = useId();

  // Created once; data flows in through the DataSets below and the language through setOptions.
  useEffect(() => {
    if (!containerRef.current) return;
    const timeline = new Timeline(containerRef.current, itemsRef.current as never, groupsRef.current as never, {
      ...TIMELINE_OPTIONS,
      locale: i18n.language,
      moment,
      editable: false,
      // No snapping to the axis step (five years when zoomed out): the drop is turned into a
      // whole period at the milestone's own precision by the screen.
      snap: null,
      onMove: (item, callback) => {
        // Keep it where it was dropped while the planner fills in the reason and source.
        callback(item);
        onMoveRef.current(milestoneIdOfItem(item.id), new Date(item.start), new Date(item.end ?? item.start));
      },
    });
    timeline.on('select', ({ items: selected }: { items: (string | number)[] }) => {
      const first = selected[0];
      if (first !== undefined) onSelectRef.current(milestoneIdOfItem(first));
    });
    timelineRef.current = timeline;
    keyboardRef.current = attachTimelineKeyboard({
      timeline,
      container: containerRef.current,
      items: itemsRef.current,
      groups: groupsRef.current,
      open: (itemId) => onSelectRef.current(milestoneIdOfItem(itemId)),
      milestoneOf: milestoneIdOfItem,
    });
    return () => {
      keyboardRef.current?.dispose();
      keyboardRef.current = null;
      timeline.destroy();
      timelineRef.current = null;
      fittedRef.current = false;
    };
  }, []);

  useEffect(() => {
    timelineRef.current?.setOptions({ locale: i18n.language, moment });
  }, [i18n.language]);

  useEffect(() => {
    timelineRef.current?.setOptions({ editable: editable ? EDITABLE : false });
  }, [editable]);

  useEffect(() => {
    const dataItems = itemsRef.current;
    const dataGroups = groupsRef.current;
    const itemIds = new Set(items.map((i) => i.id));
    const groupIds = new Set(groups.map((g) => g.id));
    dataItems.remove(dataItems.getIds().filter((id) => !itemIds.has(String(id))));
    dataGroups.remove(dataGroups.getIds().filter((id) => !groupIds.has(String(id))));
    dataGroups.update(groups);
    dataItems.update(items);
    if (!fittedRef.current && items.length > 0) {
      timelineRef.current?.fit({ animation: false });
      fittedRef.current = true;
      // The timeline benchmark (bench/cases/timeline.ts) times the first full chart up to here:
      // the frame after the data went in, once painted. A mark costs nothing when nobody reads it.
      requestAnimationFrame(() => setTimeout(() => performance.mark('timeline-drawn')));
    }
  }, [items, groups, resetKey]);

  useEffect(() => {
    const ids = items.filter((i) => i.type !== 'background' && milestoneIdOfItem(i.id) === selectedId).map((i) => i.id);
    timelineRef.current?.setSelection(ids);
  }, [items, selectedId]);

  useEffect(() => {
    keyboardRef.current?.setSelected(selectedId);
  }, [selectedId]);

  const zoomTo = (preset: ZoomPreset) => {
    const timeline = timelineRef.current;
    if (!timeline) return;
    const window = timeline.getWindow();
    const centre = (window.start.valueOf() + window.end.valueOf()) / 2;
    const half = ZOOM_PRESETS[preset] / 2;
    timeline.setWindow(centre - half, centre + half, { animation: false });
  };

  return (
    <div className="roadmap-timeline">
      <fieldset className="zoom-controls">
        <legend className="visually-hidden">{t('zoom.label')}</legend>
        {(Object.keys(ZOOM_PRESETS) as ZoomPreset[]).map((preset) => (
          <button key={preset} type="button" data-zoom={preset} onClick={() => zoomTo(preset)}>
            {t(`zoom.${preset}`)}
          </button>
        ))}
        <button type="button" data-zoom="fit" onClick={() => timelineRef.current?.fit({ animation: false })}>
          {t('zoom.fit')}
        </button>
        <button
          type="button"
          data-zoom="today"
          onClick={() => timelineRef.current?.moveTo(new Date(), { animation: false })}
        >
          {t('zoom.today')}
        </button>
      </fieldset>
      <p id={hintId} className="visually-hidden">
        {t('timeline.keyboardHint')}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: vis-timeline's mount point, not a set of form controls; the group names the chart's one tab stop (timeline-keyboard.ts). */}
      <div
        ref={containerRef}
        className="timeline-canvas"
        data-testid="timeline"
        role="group"
        aria-label={t('timeline.chartLabel')}
        aria-describedby={hintId}
      />
    </div>
  );
}
