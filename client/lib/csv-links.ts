import type { Language } from '../../shared/date-label';
import type { HistoryFilter } from '../../shared/history';
import type { MilestoneFilter } from '../../shared/milestone';
import { filterToSearchParams } from './url-state';

/** The export of what the timeline or the table shows: the view's own URL filter plus the language. */
export function milestonesCsvHref(filter: MilestoneFilter, language: Language): string {
  const params = filterToSearchParams(filter);
  params.set('lang', language);
  return `/api/export/milestones.csv?${params.toString()}`;
}

/** The export of the history screen with its filters (every page, not only the ones loaded). */
export function historyCsvHref(filter: Omit<HistoryFilter, 'limit' | 'cursor'>, language: Language): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  params.set('lang', language);
  return `/api/export/history.csv?${params.toString()}`;
}
