import type { Precision } from '../../shared/calendar-date';
import { formatDay, formatPlannedDate, type Language } from '../../shared/date-label';

interface Dated {
  plannedStart: string | null;
  plannedPrecision: Precision | null;
  actualDate: string | null;
}

/** The one date label a list shows: the actual day once reached, else the plan at its precision. */
export function milestoneDateLabel(m: Dated, language: Language): string | null {
  if (m.actualDate) return formatDay(m.actualDate, language);
  if (m.plannedStart && m.plannedPrecision) return formatPlannedDate(m.plannedStart, m.plannedPrecision, language);
  return null;
}

/** Sort key that puts undated milestones last. */
export function milestoneSortDate(m: Dated): string {
  return m.actualDate ?? m.plannedStart ?? '9999-12-31';
}
