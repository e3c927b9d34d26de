import type { Precision } from '../../../../shared/precision';
import { formatCalendarDate, intervalFor, parseCalendarDate } from '../../../../shared/precision';

/** A whole period of a precision, the shape a claimed date takes (shared/claims.ts). */
export interface Period {
  start: string;
  end: string;
  precision: Precision;
}

/** The whole period of `precision` around year/month/day, through the one rule in shared/precision.ts. */
export function periodOf(precision: Precision, year: number, month = 1, day = 1): Period {
  return { ...intervalFor(precision, formatCalendarDate({ year, month, day })), precision };
}

export function yearOf(date: string): number {
  return parseCalendarDate(date).year;
}

/** The calendar date `months` months after `date`, clamped to the month's last day (no time zone involved). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseCalendarDate(date);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatCalendarDate({ year: y, month: m, day: Math.min(day, last) });
}

/** `date` moved by `days` days. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseCalendarDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatCalendarDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Day of the week, 0 = Sunday … 6 = Saturday, as chrono-node counts them. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseCalendarDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
