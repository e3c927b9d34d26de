import type { TFunction } from 'i18next';
import { type Precision, parseCalendarDate } from '../../shared/calendar-date';
import type { Qualifier } from '../../shared/claim-words';
import { formatDay, formatPlannedDate, type Language } from '../../shared/date-label';

interface Stated {
  start: string;
  precision: Precision;
  qualifier?: Qualifier | null;
}

/** A date as the source said it: "не позднее 2030", "около III кв. 2028", or the bare date when exact. */
export function claimedDateLabel(date: Stated, language: Language, t: TFunction): string {
  const when = formatPlannedDate(date.start, date.precision, language);
  const qualifier = date.qualifier ?? 'exact';
  return qualifier === 'exact' ? when : `${t(`claims.qualifier.${qualifier}`)} ${when}`;
}

/** The span the sources' dates cover together: "2030–2031" for whole years, else the two days. */
export function spreadLabel(spread: { start: string; end: string }, language: Language): string {
  const from = parseCalendarDate(spread.start);
  const to = parseCalendarDate(spread.end);
  if (spread.start.endsWith('-01-01') && spread.end.endsWith('-12-31')) {
    return from.year === to.year ? String(from.year) : `${from.year}–${to.year}`;
  }
  return `${formatDay(spread.start, language)} – ${formatDay(spread.end, language)}`;
}
