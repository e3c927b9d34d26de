import moment from 'moment';
// The locale must register on the same copy of moment that vis-timeline imports (moment/dist).
import 'moment/dist/locale/ru';
import { type CSSProperties, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DataSet } from 'vis-data/esnext';
import { Timeline } from 'vis-timeline/esnext';
import 'vis-timeline/styles/vis-timeline-graph2d.css';
import { useRoadmapView } from '../../lib/url-state';
import { keepLabelsInside, labelMeasure } from './label-edge';
import { LANE_LABEL_WIDTH, useLaneLabels } from './lane-labels';
import { isMilestoneItem, milestoneIdOfItem, type TimelineGroup, type TimelineItem } from './timeline-items';
import { attachTimelineKeyboard, type TimelineKeyboard } from './timeline-keyboard';
import { TIMELINE_OPTIONS } from './timeline-options';
import {
  nextTwelveMonths,
  presetWindow,
  type Window,
  windowFitting,
  ZOOM_PRESETS,
  type ZoomPreset,
} from './timeline-window';

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

/** A date as vis-timeline reads it: local time, as the items' own dates are. */
function toMs(date: string | Date | number): number {
  return moment(date).valueOf();
}

/** An item dropped somewhere, and the dates it has in the data, which a cancelled move goes back to. */
interface PendingMove {
  id: string;
  start: string;
  end: string | undefined;
  from: { start: string; end: string | undefined };
}

/**
 * Fits every item with its label: vis-timeline's own fit leaves a range's label, wider than its
 * bar, running off the right edge.
 */
function fitAll(timeline: Timeline, root: HTMLElement, items: TimelineItem[]): void {
  const panel = root.querySelector<HTMLElement>('.vis-panel.vis-center');
  const measure = labelMeasure(root);
  const spans = items.map((item) => ({
    start: toMs(item.start),
    end: toMs(item.end ?? item.start),
    labelPx: measure(item),
  }));
  const window = panel ? windowFitting(spans, panel.clientWidth) : null;
  if (window) timeline.setWindow(window.start, window.end, { animation: false });
  else timeline.fit({ animation: false });
}

/** The window a link's `zoom=` names, around what the first fit shows; null for none or an unknown one. */
function linkedWindow(zoom: string | undefined, current: Window): Window | null {
  if (zoom === 'next12') return nextTwelveMonths(new Date());
  if (zoom && Object.hasOwn(ZOOM_PRESETS, zoom))
    return presetWindow(zoom as ZoomPreset, { current, selected: null, today: Date.now() });
  return null;
}

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
  const fitOnDrawRef = useRef(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  // The dropped item waits where it was dropped while the change form is open, whatever redraws
  // the screen meanwhile; the data decides again once it changes or the move is cancelled.
  const pendingRef = useRef<PendingMove | null>(null);
  const resetKeyRef = useRef(resetKey);
  const [laneLabels, setLaneLabels] = useLaneLabels();
  const keyboardRef = useRef<TimelineKeyboard | null>(null);
  const hintId = useId();
  // The zoom is part of the link: a shared link opens at the zoom it was shared at, once.
  const { zoom: zoomInLink, update: updateView } = useRoadmapView();
  const linkedZoomRef = useRef(zoomInLink);

  // Created once; data flows in through the DataSets below and the language through setOptions.
  useEffect(() => {
    if (!containerRef.current) return;
    const timeline = new Timeline(containerRef.current, itemsRef.current as never, groupsRef.current as never, {
      ...TIMELINE_OPTIONS,
      // Each item's tooltip is built on first hover (timeline-items.ts). vis-timeline shows an
      // element as it is, though its typings say a string.
      tooltip: {
        ...TIMELINE_OPTIONS.tooltip,
        template: ((item: TimelineItem) => item.tooltip()) as unknown as (item: unknown) => string,
      },
      locale: i18n.language,
      moment,
      editable: false,
      // No snapping to the axis step (five years when zoomed out): the drop is turned into a
      // whole period at the milestone's own precision by the screen.
      snap: null,
      onMove: (item, callback) => {
        const data = itemsRef.current;
        const id = String(item.id);
        const original = data.get(id);
        // vis-timeline hands over every selected item; only the milestone itself moves (the
        // date first announced stays: it proposed the announced year instead of the drop).
        if (!original || !isMilestoneItem(original)) {
          callback(null);
          return;
        }
        const previous = pendingRef.current;
        if (previous && previous.id !== id) data.update({ id: previous.id, ...previous.from });
        const [start, end] = [new Date(item.start), new Date(item.end ?? item.start)];
        pendingRef.current = {
          id,
          start: moment(start).format('YYYY-MM-DDTHH:mm:ss'),
          end: item.end === undefined ? undefined : moment(end).format('YYYY-MM-DDTHH:mm:ss'),
          from: previous?.id === id ? previous.from : { start: original.start, end: original.end },
        };
        // Keep it where it was dropped while the planner fills in the reason and source.
        callback(item);
        onMoveRef.current(milestoneIdOfItem(item.id), start, end);
      },
    });
    timeline.on('select', ({ items: selected }: { items: (string | number)[] }) => {
      const first = selected[0];
      if (first !== undefined) onSelectRef.current(milestoneIdOfItem(first));
    });
    timelineRef.current = timeline;
    const root = containerRef.current;
    timeline.on('changed', () => {
      if (fitOnDrawRef.current) {
        fitOnDrawRef.current = false;
        fitAll(timeline, root, itemsRef.current.get());
        const { start, end } = timeline.getWindow();
        const linked = linkedWindow(linkedZoomRef.current, { start: start.valueOf(), end: end.valueOf() });
        linkedZoomRef.current = undefined;
        if (linked) timeline.setWindow(linked.start, linked.end, { animation: false });
        // The timeline benchmark (bench/cases/timeline.ts) times the first full chart up to here:
        // the frame after the data went in and was fitted, once painted. A mark costs nothing
        // when nobody reads it.
        requestAnimationFrame(() => setTimeout(() => performance.mark('timeline-drawn')));
      }
      keepLabelsInside(root);
    });
    // vis-timeline looks for a new size once a second: the chart squeezed by the details panel
    // stayed drawn for the old width meanwhile, items and all. Redrawn in the next frame, not
    // inside the observer, whose callback must not change what it observes.
    let width = root.clientWidth;
    let frame = 0;
    const resize = new ResizeObserver(() => {
      if (root.clientWidth === width) return;
      width = root.clientWidth;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => timeline.redraw());
    });
    resize.observe(root);
    keyboardRef.current = attachTimelineKeyboard({
      timeline,
      container: containerRef.current,
      items: itemsRef.current,
      groups: groupsRef.current,
      open: (itemId) => onSelectRef.current(milestoneIdOfItem(itemId)),
      milestoneOf: milestoneIdOfItem,
    });
    return () => {
      resize.disconnect();
      cancelAnimationFrame(frame);
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
    const pending = pendingRef.current;
    const kept = pending && items.find((i) => i.id === pending.id);
    if (
      resetKey !== resetKeyRef.current ||
      !kept ||
      kept.start !== pending.from.start ||
      kept.end !== pending.from.end
    ) {
      pendingRef.current = null;
    }
    resetKeyRef.current = resetKey;
    const moved = pendingRef.current;
    dataItems.update(
      moved ? items.map((i) => (i.id === moved.id ? { ...i, start: moved.start, end: moved.end } : i)) : items,
    );
    if (!fittedRef.current && items.length > 0) {
      // Fitted once the chart has drawn the data and settled (its `changed` event): the fit
      // needs the width left beside the lane names, which vis-timeline measures as it draws.
      fittedRef.current = true;
      fitOnDrawRef.current = true;
    }
  }, [items, groups, resetKey]);

  useEffect(() => {
    const ids = items.filter((i) => isMilestoneItem(i) && milestoneIdOfItem(i.id) === selectedId).map((i) => i.id);
    timelineRef.current?.setSelection(ids);
  }, [items, selectedId]);

  useEffect(() => {
    keyboardRef.current?.setSelected(selectedId);
  }, [selectedId]);

  // The lane column is measured by vis-timeline at a redraw: one after its width changed.
  useEffect(() => {
    timelineRef.current?.redraw();
  }, [laneLabels]);

  const show = (window: Window) => timelineRef.current?.setWindow(window.start, window.end, { animation: false });
  const zoomTo = (preset: ZoomPreset) => {
    const timeline = timelineRef.current;
    if (!timeline) return;
    const { start, end } = timeline.getWindow();
    const item = items.find((i) => isMilestoneItem(i) && milestoneIdOfItem(i.id) === selectedId);
    const selected = item ? { start: toMs(item.start), end: toMs(item.end ?? item.start) } : null;
    show(
      presetWindow(preset, { current: { start: start.valueOf(), end: end.valueOf() }, selected, today: Date.now() }),
    );
    updateView({ zoom: preset });
  };
  const fit = () => {
    updateView({ zoom: undefined });
    if (timelineRef.current && containerRef.current) fitAll(timelineRef.current, containerRef.current, items);
  };

  return (
    <div
      className={laneLabels.hidden ? 'roadmap-timeline lanes-hidden' : 'roadmap-timeline'}
      style={{ '--lane-label-width': `${laneLabels.widthRem}rem` } as CSSProperties}
    >
      <div className="chart-controls">
        <fieldset className="zoom-controls">
          <legend className="visually-hidden">{t('zoom.label')}</legend>
          {(Object.keys(ZOOM_PRESETS) as ZoomPreset[]).map((preset) => (
            <button key={preset} type="button" data-zoom={preset} onClick={() => zoomTo(preset)}>
              {t(`zoom.${preset}`)}
            </button>
          ))}
          <button
            type="button"
            data-zoom="next12"
            onClick={() => {
              show(nextTwelveMonths(new Date()));
              updateView({ zoom: 'next12' });
            }}
          >
            {t('zoom.next12')}
          </button>
          <button type="button" data-zoom="fit" onClick={fit}>
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
        <fieldset className="lane-label-controls">
          <legend className="visually-hidden">{t('laneLabels.label')}</legend>
          <button
            type="button"
            aria-pressed={laneLabels.hidden}
            onClick={() => setLaneLabels({ hidden: !laneLabels.hidden })}
          >
            {t(laneLabels.hidden ? 'laneLabels.show' : 'laneLabels.hide')}
          </button>
          {!laneLabels.hidden && (
            <label>
              {t('laneLabels.width')}
              <input
                type="range"
                min={LANE_LABEL_WIDTH.min}
                max={LANE_LABEL_WIDTH.max}
                step={1}
                value={laneLabels.widthRem}
                onChange={(e) => setLaneLabels({ widthRem: Number(e.target.value) })}
              />
            </label>
          )}
        </fieldset>
      </div>
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
