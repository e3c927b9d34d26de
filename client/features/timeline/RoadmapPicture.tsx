import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../shared/date-label';
import { useLocalized } from '../../lib/localized';
import { useReferenceData } from '../../lib/reference-data';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';
import type { MilestoneListItem } from '../../lib/use-filtered-milestones';
import { CitedSources } from './CitedSources';
import { drawPicture } from './export-png';
import type { PageRoom } from './picture-pages';
import { type LegendMark, marksOf, StatusLegend } from './StatusLegend';
import type { TimelineGroup, TimelineItem } from './timeline-items';

/** The height inside the margins of the sheet's page, A3 landscape with 10 mm margins (print.css). */
const PAGE_HEIGHT_PX = ((297 - 2 * 10) * 96) / 25.4;

export type BuildPictureTimeline = () => { items: TimelineItem[]; groups: TimelineGroup[] };

interface RoadmapPictureProps {
  /** Builds fresh items for this chart: DOM nodes of the screen's chart cannot be reused. */
  build: BuildPictureTimeline;
  /** The milestones the filters select, for the count, the undated ones and the cited sources. */
  milestones: MilestoneListItem[];
  /** The calendar day printed on the picture. */
  day: string;
  /** Paper has no details panel: the print sheet lists the sources and the undated milestones. */
  forPaper: boolean;
  className: string;
  testId: string;
  /** Called once the chart is drawn (and, on paper, the sources are loaded). */
  onReady: (picture: HTMLElement) => void;
}

/** "Фильтры: Статус: В работе; Регион: …" — what the picture leaves out, in words. */
function useFilterSummary(): string {
  const { t } = useTranslation();
  const { name, language } = useLocalized();
  const { filter, ids } = useRoadmapView();
  const reference = useReferenceData();
  const parts: string[] = [];
  const list = (label: string, values: string[] | undefined) => {
    if (values?.length) parts.push(`${label}: ${values.join(', ')}`);
  };
  list(
    t('filters.status'),
    filter.status?.map((s) => t(`status.${s}`)),
  );
  list(
    t('filters.workstream'),
    filter.workstream?.map((id) => name(reference.workstreamById.get(id)) || `#${id}`),
  );
  list(
    t('filters.participant'),
    filter.participant?.map((id) => name(reference.participantById.get(id)) || `#${id}`),
  );
  list(
    t('filters.region'),
    filter.region?.map((id) => name(reference.regionById.get(id)) || `#${id}`),
  );
  if (filter.q) parts.push(`${t('filters.search')}: ${t('picture.quoted', { text: filter.q })}`);
  if (filter.from) parts.push(`${t('filters.from')}: ${formatDay(filter.from, language)}`);
  if (filter.to) parts.push(`${t('filters.to')}: ${formatDay(filter.to, language)}`);
  list(
    t('filters.confidence'),
    filter.confidence?.map((level) => t(`confidence.level.${level}`)),
  );
  if (filter.disagree) parts.push(t('filters.disagree'));
  if (ids.length) parts.push(t('filters.ids', { count: ids.length }));
  return parts.length ? t('picture.filters', { list: parts.join('; ') }) : t('picture.noFilters');
}

/**
 * The roadmap as one still picture: title with the date and the filters, the chart over the
 * whole range with every lane, the legend — and on paper the undated milestones and the sources.
 */
export function RoadmapPicture({ build, milestones, day, forPaper, className, testId, onReady }: RoadmapPictureProps) {
  const { t, i18n } = useTranslation();
  const { language, title } = useLocalized();
  const { lanes } = useRoadmapView();
  const filterSummary = useFilterSummary();
  const rootRef = useRef<HTMLDivElement>(null);
  const chartsRef = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  // The legend explains what this chart draws (its statuses, kinds of dates, ghosts), known once drawn.
  const [marks, setMarks] = useState<ReadonlySet<LegendMark>>(new Set());
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const sources = useQuery({ ...trpc.source.list.queryOptions(), enabled: forPaper });

  const buildRef = useRef(build);
  buildRef.current = build;

  // `build` is a new function at every render of the screen; the chart is redrawn only when
  // what it shows changes: the milestones (a new query result), the lanes or the language.
  useEffect(() => {
    const host = chartsRef.current;
    if (!host) return;
    const { items, groups } = buildRef.current();
    // On paper the chart is cut between lanes into pages; the first page has the title above it.
    const room = forPaper
      ? (): PageRoom => {
          const top = host.getBoundingClientRect().top - (rootRef.current?.getBoundingClientRect().top ?? 0);
          return { first: PAGE_HEIGHT_PX - top, other: PAGE_HEIGHT_PX };
        }
      : null;
    const chart = drawPicture(host, items, groups, i18n.language, room);
    let live = true;
    void chart.drawn.then((shown) => {
      if (!live) return;
      const now = Date.now();
      setMarks(marksOf(items, now >= shown.start && now <= shown.end));
      setDrawn(true);
    });
    return () => {
      live = false;
      setDrawn(false);
      chart.destroy();
    };
  }, [milestones, lanes, i18n.language, forPaper]);

  const ready = drawn && (!forPaper || sources.isSuccess || sources.isError);
  useEffect(() => {
    if (ready && rootRef.current) onReadyRef.current(rootRef.current);
  }, [ready]);

  const shownIds = new Set(milestones.map((m) => m.id));
  const cited = (sources.data ?? []).filter((s) => s.milestoneIds.some((id) => shownIds.has(id)));
  const undated = milestones.filter((m) => !m.actualDate && !m.plannedStart);

  return (
    <div ref={rootRef} className={`roadmap-picture ${className}`} data-testid={testId} data-ready={ready || undefined}>
      <header className="picture-heading">
        <h1>{t('app.title')}</h1>
        <p className="picture-meta">
          {[
            t('picture.exportedOn', { date: formatDay(day, language) }),
            t('picture.lanes', { mode: t(`lanes.${lanes}`) }),
            t('filters.shown', { count: milestones.length }),
            ...(undated.length ? [t('picture.undatedNotDrawn', { count: undated.length })] : []),
          ].join(' · ')}
        </p>
        <p className="picture-meta">{filterSummary}</p>
      </header>
      {/* One chart, or one per page on paper: drawn by drawPicture (export-png.ts). */}
      <div ref={chartsRef} className="picture-charts" />
      <StatusLegend marks={marks} />
      {forPaper && undated.length > 0 && (
        <section className="picture-undated">
          <h2>{t('undated.label')}</h2>
          <ul>
            {undated.map((m) => (
              <li key={m.id}>{title(m)}</li>
            ))}
          </ul>
        </section>
      )}
      {forPaper && sources.isSuccess && <CitedSources sources={cited} />}
      {forPaper && sources.isError && <p role="alert">{t('app.loadFailed')}</p>}
    </div>
  );
}
