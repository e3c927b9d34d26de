/**
 * Planned dates are calendar intervals kept as `YYYY-MM-DD` strings end to end, never
 * timestamps, so that 2030-12-31 stays 2030-12-31 in every time zone. The arithmetic here
 * is on year/month/day numbers only for the same reason.
 *
 * No zod here: the timeline draws with this arithmetic, and the first screen does not download
 * zod (network bench). The schemas that check these rules are in precision.ts.
 */
export const PRECISIONS = ['day', 'month', 'quarter', 'half', 'year'] as const;
export type Precision = (typeof PRECISIONS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * What is wrong with a date string: not written as YYYY-MM-DD (`format`), or written so but
 * naming a day the calendar does not have, 2030-02-30 or 2030-13-01 (`noSuchDate`). The two are
 * told apart because the fix differs: the planner who typed 30 February knows the format.
 */
export function calendarDateProblem(value: string): 'format' | 'noSuchDate' | null {
  const m = ISO_DATE.exec(value);
  if (!m) return 'format';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A roadmap has no dates before the year 1000; Date.UTC would also read years 0–99 as 1900–1999.
  if (year < 1000) return 'format';
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? null : 'noSuchDate';
}

export function isCalendarDate(value: string): boolean {
  return calendarDateProblem(value) === null;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function parseCalendarDate(value: string): DateParts {
  const m = ISO_DATE.exec(value);
  if (!m) throw new RangeError(`not a calendar date: ${value}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function formatCalendarDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Months covered by one period of a precision: the interval a precision gives to an anchor date. */
const MONTHS_PER_PERIOD: Record<Exclude<Precision, 'day'>, number> = {
  month: 1,
  quarter: 3,
  half: 6,
  year: 12,
};

/** The whole period of `precision` that contains `anchor` (2030-05-10, year → 2030-01-01 … 2030-12-31). */
export function intervalFor(precision: Precision, anchor: string): { start: string; end: string } {
  const { year, month } = parseCalendarDate(anchor);
  if (precision === 'day') return { start: anchor, end: anchor };
  const span = MONTHS_PER_PERIOD[precision];
  const firstMonth = Math.floor((month - 1) / span) * span + 1;
  const lastMonth = firstMonth + span - 1;
  return {
    start: formatCalendarDate({ year, month: firstMonth, day: 1 }),
    end: formatCalendarDate({ year, month: lastMonth, day: daysInMonth(year, lastMonth) }),
  };
}

/** True when start…end is exactly one whole period of the precision, which is what the database keeps. */
export function isWholePeriod(precision: Precision, start: string, end: string): boolean {
  if (!isCalendarDate(start) || !isCalendarDate(end)) return false;
  const interval = intervalFor(precision, start);
  return interval.start === start && interval.end === end;
}

/** The day after `date`, for exclusive interval ends (the timeline draws a range up to, not including, its end). */
export function nextDay(date: string): string {
  const { year, month, day } = parseCalendarDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + 1));
  return formatCalendarDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}
