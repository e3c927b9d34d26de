import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFIDENCE_LEVELS } from '../../../shared/claim-words';
import { STATUSES } from '../../../shared/statuses';
import { ConfidenceBadge } from '../../components/ui/ConfidenceBadge';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { TableScroll } from '../../components/ui/TableScroll';
import { spreadLabel } from '../../lib/claimed-date';
import { useLocalized } from '../../lib/localized';
import { milestoneDateLabel, milestoneSortDate } from '../../lib/milestone-dates';
import { useReferenceData } from '../../lib/reference-data';
import { useRoadmapView } from '../../lib/url-state';
import { type MilestoneListItem, useFilteredMilestones } from '../../lib/use-filtered-milestones';

const COLUMNS = ['title', 'workstream', 'region', 'status', 'date', 'sources', 'confidence', 'participants'] as const;
type Column = (typeof COLUMNS)[number];
type Direction = 'ascending' | 'descending';

/** `actions`: what the app puts in the toolbar beside the count (the CSV export and import). */
export function MilestoneTable({ actions }: { actions?: ReactNode }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const reference = useReferenceData();
  const { selected, update, sort: sortInLink } = useRoadmapView();
  const milestones = useFilteredMilestones();
  // The order is part of the link, so a shared table opens sorted as it was shared.
  const sort = useMemo(() => sortOf(sortInLink), [sortInLink]);

  const rows = useMemo(() => {
    const collator = new Intl.Collator(localized.language, { numeric: true, sensitivity: 'base' });
    const text = (m: MilestoneListItem, column: Column): string => {
      switch (column) {
        case 'title':
          return localized.title(m);
        case 'workstream':
          return localized.name(m.workstreamId === null ? null : reference.workstreamById.get(m.workstreamId));
        case 'region':
          return localized.name(m.regionId === null ? null : reference.regionById.get(m.regionId));
        case 'status':
          return String(STATUSES.indexOf(m.status)).padStart(2, '0');
        case 'date':
          return milestoneSortDate(m);
        case 'sources':
          // Disagreements first when ascending: they are what a planner looks for.
          return m.conflict ? '0' : '1';
        case 'confidence':
          return String(CONFIDENCE_LEVELS.indexOf(m.confidence.level));
        case 'participants':
          return String(m.participants.length).padStart(4, '0');
      }
    };
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...(milestones.data ?? [])].sort(
      (a, b) => sign * collator.compare(text(a, sort.column), text(b, sort.column)) || a.id - b.id,
    );
  }, [milestones.data, sort, localized, reference]);

  if (milestones.isError) return <p role="alert">{t('app.loadFailed')}</p>;
  if (!milestones.data) return <p className="loading">{t('app.loading')}</p>;

  const toggle = (column: Column) => {
    const descending = sort.column === column && sort.direction === 'ascending';
    const next = `${descending ? '-' : ''}${column}`;
    update({ sort: next === 'date' ? undefined : next });
  };
  const open = (id: number) => update({ selected: id }, 'push');

  return (
    <TableScroll>
      <div className="table-toolbar">
        <p className="result-count" aria-live="polite">
          {t('filters.shown', { count: rows.length })}
        </p>
        {actions}
      </div>
      <table className="milestone-table" data-testid="milestone-table">
        <caption>{t('table.caption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" aria-sort={sort.column === column ? sort.direction : 'none'}>
                <button
                  type="button"
                  onClick={() => toggle(column)}
                  title={t('table.sortBy', { column: t(`table.${column}`) })}
                >
                  {t(`table.${column}`)}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length}>{t('table.empty')}</td>
            </tr>
          )}
          {rows.map((m) => (
            <tr
              key={m.id}
              data-milestone-id={m.id}
              data-selected={selected === m.id || undefined}
              onClick={() => open(m.id)}
              className="clickable-row"
            >
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  onClick={(e) => {
                    e.stopPropagation();
                    open(m.id);
                  }}
                >
                  {localized.title(m)}
                </button>
              </th>
              <td>{localized.name(m.workstreamId === null ? null : reference.workstreamById.get(m.workstreamId))}</td>
              <td>{localized.name(m.regionId === null ? null : reference.regionById.get(m.regionId))}</td>
              <td>
                <StatusBadge status={m.status} />
              </td>
              <td>{milestoneDateLabel(m, localized.language) ?? t('dates.undated')}</td>
              <td data-testid="table-sources">
                {m.conflict ? (
                  <span className="conflict-mark" data-testid="table-conflict">
                    <span aria-hidden="true">⚠ </span>
                    {t('table.disagree')}
                    {m.claimSpread && (
                      <span className="muted"> ({spreadLabel(m.claimSpread, localized.language)})</span>
                    )}
                  </span>
                ) : (
                  <span className="muted">{t('table.agree')}</span>
                )}
              </td>
              <td data-testid="table-confidence">
                <ConfidenceBadge confidence={m.confidence} />
              </td>
              <td>
                {[...new Set(m.participants.map((p) => p.participantId))]
                  .map((id) => localized.name(reference.participantById.get(id)))
                  .filter(Boolean)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** `sort=-title` → by title, descending; a missing or unknown column is the default, by date. */
function sortOf(value: string | undefined): { column: Column; direction: Direction } {
  const descending = value?.startsWith('-') ?? false;
  const name = descending ? value?.slice(1) : value;
  const column = (COLUMNS as readonly string[]).includes(name ?? '') ? (name as Column) : null;
  return column
    ? { column, direction: descending ? 'descending' : 'ascending' }
    : { column: 'date', direction: 'ascending' };
}
