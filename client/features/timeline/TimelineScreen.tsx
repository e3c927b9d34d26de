import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, intervalFor } from '../../../shared/calendar-date';
import { formatPlannedDate } from '../../../shared/date-label';
import type { PlannedDate } from '../../../shared/precision';
import { spreadLabel } from '../../lib/claimed-date';
import { useLocalized } from '../../lib/localized';
import { milestoneDateLabel } from '../../lib/milestone-dates';
import { useReferenceData } from '../../lib/reference-data';
import { LANE_MODES, useRoadmapView } from '../../lib/url-state';
import { useFilteredMilestones } from '../../lib/use-filtered-milestones';
import { useSession } from '../../lib/use-session';
import { PictureActions } from './PictureActions';
import { RoadmapTimeline } from './RoadmapTimeline';
import { marksOf, StatusLegend } from './StatusLegend';
import { buildTimeline } from './timeline-items';
import { UndatedList } from './UndatedList';

interface TimelineScreenProps {
  resetKey: number;
  /** A dragged item proposes a new planned date; the app hands it to the change form. */
  onReschedule: (milestoneId: number, planned: PlannedDate) => void;
  /** What the app puts in the toolbar beside the count (the CSV export and import). */
  actions?: ReactNode;
}

/** The local calendar day of a moment on the chart (vis-timeline works in local time). */
function localDay(date: Date): string {
  return formatCalendarDate({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
}

export default function TimelineScreen({ resetKey, onReschedule, actions }: TimelineScreenProps) {
  const { t } = useTranslation();
  const { canEdit } = useSession();
  const [showBaseline, setShowBaseline] = useState(true);
  const localized = useLocalized();
  const { lanes, selected, update } = useRoadmapView();
  const milestones = useFilteredMilestones();
  const reference = useReferenceData();

  const data = milestones.data;
  const buildFor = useCallback(
    (editable: boolean) => {
      const laneSources =
        lanes === 'workstream'
          ? reference.workstreams
          : lanes === 'region'
            ? reference.regions
            : reference.participants;
      return buildTimeline(data ?? [], laneSources, lanes, {
        title: localized.title,
        laneName: localized.name,
        noLane: t('lanes.none'),
        status: (m) => t(`status.${m.status}`),
        date: (m) => milestoneDateLabel(m, localized.language),
        baseline: showBaseline
          ? (m) =>
              t('timeline.baseline', {
                date:
                  m.baselineStart && m.baselinePrecision
                    ? formatPlannedDate(m.baselineStart, m.baselinePrecision, localized.language)
                    : '',
              })
          : null,
        slipped: t('timeline.slipped'),
        confidence: (m) => {
          const level = t('timeline.confidence', { level: t(`confidence.level.${m.confidence.level}`) });
          return m.confidence.reasons.length ? `${level} — ${m.confidence.reasons.join('; ')}` : level;
        },
        conflict: (m) =>
          m.conflict
            ? m.claimSpread
              ? t('timeline.conflict', { span: spreadLabel(m.claimSpread, localized.language) })
              : t('claims.conflict')
            : null,
        language: localized.language,
        canEdit: editable,
      });
    },
    [data, lanes, reference, localized, t, showBaseline],
  );
  const { items, groups } = useMemo(() => buildFor(canEdit), [buildFor, canEdit]);
  // The legend explains the marks this chart draws; the today line is always reachable on screen.
  const legendMarks = useMemo(() => marksOf(items, true), [items]);
  // The PNG and the print sheet draw their own chart: same milestones, new DOM nodes, nothing to drag.
  const buildPicture = useCallback(() => buildFor(false), [buildFor]);

  // A dropped item proposes the whole period around its new middle, at its own precision.
  const reschedule = (milestoneId: number, start: Date, end: Date) => {
    const m = data?.find((x) => x.id === milestoneId);
    if (!m?.plannedPrecision) return;
    const middle = new Date((start.getTime() + end.getTime()) / 2);
    const interval = intervalFor(m.plannedPrecision, localDay(middle));
    onReschedule(milestoneId, { ...interval, precision: m.plannedPrecision });
  };
  const undated = useMemo(() => (data ?? []).filter((m) => !m.actualDate && !m.plannedStart), [data]);

  if (milestones.isError) return <p role="alert">{t('app.loadFailed')}</p>;

  return (
    <section className="timeline-screen" aria-label={t('views.timeline')}>
      <div className="timeline-toolbar">
        <fieldset className="lane-switch">
          <legend>{t('lanes.label')}</legend>
          {LANE_MODES.map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="lanes"
                value={mode}
                checked={lanes === mode}
                onChange={() => update({ lanes: mode })}
              />
              {t(`lanes.${mode}`)}
            </label>
          ))}
        </fieldset>
        <label className="baseline-toggle">
          <input type="checkbox" checked={showBaseline} onChange={(e) => setShowBaseline(e.target.checked)} />
          {t('timeline.showBaseline')}
        </label>
        <PictureActions build={buildPicture} milestones={data} />
        {actions}
        <p className="result-count" aria-live="polite">
          {data ? t('filters.shown', { count: data.length }) : t('app.loading')}
        </p>
      </div>
      <StatusLegend marks={legendMarks} />
      <div className="timeline-layout">
        <RoadmapTimeline
          items={items}
          groups={groups}
          selectedId={selected}
          onSelect={(id) => update({ selected: id }, 'push')}
          editable={canEdit}
          onMove={reschedule}
          resetKey={resetKey}
        />
        <UndatedList milestones={undated} onOpen={(id) => update({ selected: id }, 'push')} />
      </div>
    </section>
  );
}
