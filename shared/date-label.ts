import { type Precision, parseCalendarDate } from './calendar-date';

export type Language = 'ru' | 'en';
export const LANGUAGES = ['ru', 'en'] as const satisfies readonly Language[];

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/**
 * One formatter per language and shape, made on first use: building an Intl.DateTimeFormat
 * costs tens of microseconds, which a 100k-row CSV export paid twice per row.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, shape: 'day' | 'month'): Intl.DateTimeFormat {
  const key = `${language}:${shape}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      ...(shape === 'day' ? { day: 'numeric' } : {}),
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    formatters.set(key, format);
  }
  return format;
}

/** A calendar day in words for the language, computed in UTC so no time zone can shift it. */
export function formatDay(date: string, language: Language): string {
  const { year, month, day } = parseCalendarDate(date);
  return formatter(language, 'day').format(new Date(Date.UTC(year, month - 1, day)));
}

/**
 * How people write a date of a given precision: "2030", "III кв. 2028" / "Q3 2028",
 * "I пол. 2029" / "H1 2029", "март 2028 г." / "March 2028", or a full day.
 */
export function formatPlannedDate(start: string, precision: Precision, language: Language): string {
  const { year, month } = parseCalendarDate(start);
  switch (precision) {
    case 'year':
      return String(year);
    case 'half': {
      const n = month <= 6 ? 1 : 2;
      return language === 'ru' ? `${ROMAN[n - 1]} пол. ${year}` : `H${n} ${year}`;
    }
    case 'quarter': {
      const n = Math.floor((month - 1) / 3) + 1;
      return language === 'ru' ? `${ROMAN[n - 1]} кв. ${year}` : `Q${n} ${year}`;
    }
    case 'month':
      return formatter(language, 'month').format(new Date(Date.UTC(year, month - 1, 1)));
    case 'day':
      return formatDay(start, language);
  }
}
