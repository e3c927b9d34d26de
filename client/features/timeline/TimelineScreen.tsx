import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LANE_MODES } from '../../../shared/milestone';
import { useRoadmapView } from '../../app/url-state';
import { useLocalized } from '../../lib/localized';
import { milestoneDateLabel } from '../../lib/milestone-dates';
import { useReferenceData } from '../../lib/reference-data';
import { useFilteredMilestones } from '../milestone/use-filtered-milestones';
import { RoadmapTimeline } from './RoadmapTimeline';
import { StatusLegend } from './StatusLegend';
import { buildTimeline } from './timeline-items';
import { UndatedList } from './UndatedList';

export default function TimelineScreen() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { lanes, selected, update } = useRoadmapView();
  const milestones = useFilteredMilestones();
  const reference = useReferenceData();

  const data = milestones.data;
  const { items, groups } = useMemo(() => {
    const laneSources =
      lanes === 'workstream' ? reference.workstreams : lanes === 'region' ? reference.regions : reference.participants;
    return buildTimeline(data ?? [], laneSources, lanes, {
      title: localized.title,
      laneName: localized.name,
      noLane: t('lanes.none'),
      status: (m) => t(`status.${m.status}`),
      date: (m) => milestoneDateLabel(m, localized.language),
      language: localized.language,
    });
  }, [data, lanes, reference, localized, t]);
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
        <p className="result-count" aria-live="polite">
          {data ? t('filters.shown', { count: data.length }) : t('app.loading')}
        </p>
      </div>
      <StatusLegend />
      <div className="timeline-layout">
        <RoadmapTimeline
          items={items}
          groups={groups}
          selectedId={selected}
          onSelect={(id) => update({ selected: id }, 'push')}
        />
        <UndatedList milestones={undated} onOpen={(id) => update({ selected: id }, 'push')} />
      </div>
    </section>
  );
}
