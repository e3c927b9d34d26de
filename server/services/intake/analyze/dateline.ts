import { formatCalendarDate, isCalendarDate } from '../../../../shared/precision';

/**
 * The source's metadata as the article itself gives it, for the planner to confirm: the
 * publisher from an agency's dateline («КРАСНОЯРСК, 25 октября. /ТАСС/», «Москва. 17 марта.
 * INTERFAX.RU», «КРАСНОЯРСК, 7 ноя - РИА Новости»), the publication date from the dateline's day
 * and month with the year from the metadata, from a date printed in the header («07.11.2025»),
 * or else the latest such day not after today; and the headline. What the planner typed (meta)
 * wins over what the text says. A text that gives no date stays undated.
 */

export interface ArticleMeta {
  publishedOn?: string | null;
  publisher?: string | null;
  title?: string | null;
}

export interface SourceMeta {
  title: string | null;
  publisher: string | null;
  publishedOn: string | null;
  /** Where the article's first sentence starts on the dateline's line (after «/ТАСС/.», «INTERFAX.RU -»); null without one. */
  bodyStart: number | null;
}

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const MONTH =
  '(янв\\p{L}*|фев\\p{L}*|мар\\p{L}*|апр\\p{L}*|ма[йяе]|июн\\p{L}*|июл\\p{L}*|авг\\p{L}*|сен\\p{L}*|окт\\p{L}*|ноя\\p{L}*|дек\\p{L}*)';

/** Agencies by the mark their datelines carry. */
const AGENCIES: { mark: RegExp; name: string }[] = [
  { mark: /\/\s*ТАСС\s*\//u, name: 'ТАСС' },
  { mark: /РИА\s+Новости/u, name: 'РИА Новости' },
  { mark: /INTERFAX\.RU|Интерфакс(?!-)/u, name: 'Интерфакс' },
  { mark: /Интерфакс-Сибирь/u, name: 'Интерфакс-Сибирь' },
  { mark: /\/\s*ПРАЙМ\s*\/|ПРАЙМ\s*[-–—]/u, name: 'ПРАЙМ' },
  { mark: /ИА\s+REGNUM|REGNUM/u, name: 'REGNUM' },
  { mark: /\bRNS\b/u, name: 'RNS' },
  { mark: /ТАСС-Сибирь/u, name: 'ТАСС' },
];

// «КРАСНОЯРСК, 25 октября. /ТАСС/», «Москва. 17 марта. INTERFAX.RU», «КРАСНОЯРСК, 7 ноя - РИА Новости».
const DATELINE = new RegExp(
  `^\\s*[\\p{Lu}][\\p{L}\\- ]{1,40}?[,.]?\\s+(\\d{1,2})\\s+${MONTH}\\.?(?:\\s+(\\d{4})(?:\\s*г(?:ода|\\.)?)?)?[.,]?\\s*(?:[-–—]\\s*)?(?=\\/|РИА|INTERFAX|Интерфакс|ПРАЙМ|ИА|RNS)`,
  'u',
);
const PRESS_DATELINE = new RegExp(
  `^\\s*[\\p{Lu}][\\p{L}\\- ]{1,40}?,\\s+(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\s*(?:года|г\\.)?\\.?\\s*`,
  'u',
);
const ISO_IN_HEADER = /(?:^|\s)(\d{4})-(\d{2})-(\d{2})(?=\s|$)/u;
const DOTTED_IN_HEADER = /(?:^|\s)(\d{2})\.(\d{2})\.(\d{4})(?=\s|$|,)/u;
const HEADER_LINES = 14;

function monthOf(word: string): number {
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((m) => w.startsWith(m));
  return i + 1;
}

function dateOrNull(year: number, month: number, day: number): string | null {
  const d = formatCalendarDate({ year, month, day });
  return isCalendarDate(d) ? d : null;
}

/** Dates printed in the header lines (a scraper's «date 2025-10-25», a site's «10:20 07.11.2025»). */
function headerDates(lines: string[]): string[] {
  const dates: string[] = [];
  for (const line of lines) {
    const iso = ISO_IN_HEADER.exec(line);
    if (iso) {
      const d = dateOrNull(Number(iso[1]), Number(iso[2]), Number(iso[3]));
      if (d) dates.push(d);
    }
    const dotted = DOTTED_IN_HEADER.exec(line);
    if (dotted) {
      const d = dateOrNull(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
      if (d) dates.push(d);
    }
  }
  return dates;
}

/** A line that reads as a headline: short, no full stop at its end, not a list of tags, not a dateline. */
function looksLikeHeadline(line: string): boolean {
  const t = line.trim();
  if (t.length < 15 || t.length > 220) return false;
  if (/[.!]$/u.test(t) && !/\?$/u.test(t)) return false;
  if (/@|https?:|^\d/u.test(t)) return false;
  if (!/^[«"“\p{Lu}]/u.test(t)) return false;
  if (DATELINE.test(t)) return false;
  return findWordsCount(t) >= 3;
}

function findWordsCount(t: string): number {
  return (t.match(/\p{L}+/gu) ?? []).length;
}

/** A header line without what a site or scraper puts around a headline («date 2025-10-25 », « - РИА Новости, 07.11.2025»). */
function cleanHeaderLine(line: string): string {
  return line
    .replace(/^\s*date\s+\d{4}-\d{2}-\d{2}\s*/iu, '')
    .replace(/\s+[-–—]\s+(?:РИА Новости|ТАСС|Интерфакс)[^\n]*$/u, '')
    .trim();
}

export function readSource(text: string, meta: ArticleMeta, today: string): SourceMeta {
  const lines = text.split('\n').slice(0, HEADER_LINES);
  let publisher: string | null = null;
  let datelineDay: { day: number; month: number; year: number | null } | null = null as {
    day: number;
    month: number;
    year: number | null;
  } | null;
  let datelineIndex = -1;
  let bodyStart: number | null = null;
  let lineStart = 0;
  for (const [i, line] of lines.entries()) {
    const m = DATELINE.exec(line);
    const here = lineStart;
    lineStart += line.length + 1;
    const pressDate = !m ? PRESS_DATELINE.exec(line) : null;
    if (pressDate && !datelineDay) {
      // A press release's «Красноярск, 5 февраля 2026 года.»: a date, but no agency to name.
      datelineDay = { day: Number(pressDate[1]), month: monthOf(pressDate[2] as string), year: Number(pressDate[3]) };
      datelineIndex = i;
      bodyStart = here + pressDate[0].length;
      continue;
    }
    if (!m) continue;
    const rest = line.slice(m[0].length, m[0].length + 40);
    const agency = AGENCIES.find((a) => a.mark.test(rest));
    if (!agency) continue;
    const mark =
      /^(?:\/\s*ТАСС\s*\/|РИА\s+Новости|INTERFAX\.RU|Интерфакс(?:-Сибирь)?|\/\s*ПРАЙМ\s*\/|ИА\s+REGNUM|RNS)\.?\s*(?:[-–—]\s*)?/u.exec(
        rest,
      );
    bodyStart = here + m[0].length + (mark ? mark[0].length : 0);
    publisher = agency.name;
    datelineDay = { day: Number(m[1]), month: monthOf(m[2] as string), year: m[3] ? Number(m[3]) : null };
    datelineIndex = i;
    break;
  }

  const printed = headerDates(lines.slice(0, datelineIndex >= 0 ? datelineIndex + 1 : 4));
  let publishedOn: string | null = null;
  if (datelineDay) {
    const { day, month } = datelineDay;
    const metaYear = meta.publishedOn && isCalendarDate(meta.publishedOn) ? Number(meta.publishedOn.slice(0, 4)) : null;
    const sameDay = printed.find((d) => Number(d.slice(5, 7)) === month && Number(d.slice(8, 10)) === day);
    let year = datelineDay.year ?? metaYear ?? (sameDay ? Number(sameDay.slice(0, 4)) : null);
    if (year === null) {
      // News is published before it is read: the latest such day not after today.
      year = Number(today.slice(0, 4));
      const candidate = dateOrNull(year, month, day);
      if (candidate && candidate > today) year -= 1;
    }
    publishedOn = dateOrNull(year, month, day);
  } else if (printed.length) {
    publishedOn = printed[0] ?? null;
  }

  let title: string | null = null;
  // Without a dateline only the first line can be a headline: a line further down is a section heading.
  const firstLine = lines.findIndex((l) => l.trim() !== '');
  const header = (datelineIndex >= 0 ? lines.slice(0, datelineIndex) : lines.slice(firstLine, firstLine + 1)).map(
    cleanHeaderLine,
  );
  const candidates = header.filter(looksLikeHeadline);
  if (candidates.length) {
    // A site prints its headline more than once (page title, heading): the most repeated wins, then the first.
    const counts = new Map<string, number>();
    for (const c of candidates) counts.set(c, (counts.get(c) ?? 0) + 1);
    title = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    if ((counts.get(title as string) ?? 0) === 1) title = candidates[0] ?? null;
  } else if (datelineIndex < 0) {
    // No headline: the first sentence stands for it, as a planner would title an untitled text.
    const first = text.trim().split('\n')[0] ?? '';
    const sentence = /^.*?[.!?…](?=\s|$)/u.exec(first)?.[0] ?? first;
    title = sentence.trim().slice(0, 300) || null;
  }

  return {
    bodyStart,
    title: meta.title?.trim() || title,
    publisher: meta.publisher?.trim() || publisher,
    publishedOn: meta.publishedOn && isCalendarDate(meta.publishedOn) ? meta.publishedOn : publishedOn,
  };
}
