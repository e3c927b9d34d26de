import * as chrono from 'chrono-node';
import type { Qualifier } from '../../../../shared/claim-enums';
import type { Precision } from '../../../../shared/precision';
import { formatCalendarDate } from '../../../../shared/precision';
import { addDays, addMonths, type Period, periodOf, weekdayOf, yearOf } from './periods';
import { type Lead, readLead } from './qualifiers';

/**
 * Date expressions of Russian news, each read as a whole period of a precision with a qualifier
 * (the shape of a claimed date, shared/claims.ts). chrono-node's Russian locale reads what it
 * knows — «15 апреля 2027 года», «12.05.2027», «в марте 2027 года», «в четверг», «в прошлом
 * месяце», «вчера» — and the patterns below read what it does not: bare years («в 2029 году»),
 * ranges of years, quarters, half-years, seasons, the start or end of a year, «в ближайшие
 * три года», and a date moved «с 2030 на 2031 год». Relative expressions are read against the
 * publication date.
 *
 * Decisions a reader could undo by mistake:
 * - A year is a year only with its word («в 2029 году», «2030 г.», «в 2030-м»): «2030 тонн»,
 *   «Стратегия-2035» and page numbers are not dates.
 * - A range of years («в 2027–2028 годах») is not a whole period of any precision, which a claimed
 *   date must be, so it is read as its first year: approximate for two years (an approximate year
 *   allows one year either side, so 2027–2028 stays inside it), no earlier than that year for a
 *   longer range; a qualifier in the text («к 2027–2028 годам») wins.
 * - Seasons are the quarter they mostly cover, approximate (зима Q1, весна Q2, лето Q3, осень Q4).
 * - «в начале / в конце года» is the first / last quarter, approximate; «в середине года» the
 *   year, approximate; «до конца года» the year, no later than.
 * - «в ближайшие N лет», «в течение N лет» is the year N years after publication, no later than;
 *   «через N лет» that year, approximate.
 * - A weekday is the latest such day on or before publication (news report what happened),
 *   unless the sentence speaks in the future tense.
 * - «около 15 апреля» cannot be an approximate day (shared/claims.ts refuses it): it becomes the
 *   month, approximate.
 */

/**
 * Why a date is not a plan: a figure's period, a document's name, the old date of a move, or
 * «сейчас» / «сегодня» — the present, which dates a reported status but never promises anything.
 */
export type NonPlan = 'statistics' | 'name' | 'movedFrom' | 'now';

export interface DateMention {
  /** Offsets of the expression in the article, leading qualifier words included. */
  start: number;
  end: number;
  period: Period;
  qualifier: Qualifier;
  /** Read against the publication date («в следующем году», «в четверг»). */
  relative: boolean;
  /** Why this date is not a plan whatever its tense; null when it may be one. */
  nonPlan: NonPlan | null;
  /** For the new date of a move («с 2030 на 2031 год»): the year it moved from. */
  movedFrom: number | null;
}

export interface DateContext {
  /** The article's publication date, or null when unknown. */
  publishedOn: string | null;
  /** Today, used in place of the publication date to resolve a yearless day («15 апреля»). */
  today: string;
  /** A year the previous sentences of the paragraph named, for «во втором квартале» without one. */
  yearHint: number | null;
}

const Y = '((?:19|20)\\d{2})';
const YEAR_WORD = '(?:-?(?:й|м|го|му|е|х))?\\s*(?:год(?:а|у|ом|ах|ам|ы|ов)?|гг?\\.?)(?![\\p{L}])';
const NB = '(?<![\\p{L}\\d])';
const REL = '(этого|текущего|нынешнего|следующего|будущего|прошлого|того\\s+же)';
const ORDINAL = '(IV|I{1,3}|[1-4]|перв\\p{L}*|втор\\p{L}*|трет\\p{L}*|четв[её]рт\\p{L}*)';
const NUM =
  '(\\d{1,2}|одн\\p{L}*|два|двух|две|три|тр[её]х|четыре|четыр[её]х|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти)';

const re = (source: string) => new RegExp(source, 'giu');

const MOVE = re(
  `${NB}с\\s+${Y}(?:-?(?:го|м))?(?:\\s*(?:года|г\\.))?\\s+на\\s+${Y}(?:-?(?:й|е))?\\s*(?:год(?:ы)?|гг?\\.)?`,
);
const RANGE = re(`${NB}(?:с\\s+)?${Y}(?:-?(?:го|м|х))?\\s*(?:[-–—]|по|до)\\s*${Y}${YEAR_WORD}`);
const QUARTER = re(
  `${NB}${ORDINAL}(?:-?(?:м|й|го|ом))?\\s+(?:квартал\\p{L}*|кв\\.)(?:\\s+${Y}(?:${YEAR_WORD})?|\\s+${REL}\\s+года)?`,
);
const HALF = re(
  `${NB}(II|I|[12]|перв\\p{L}*|втор\\p{L}*)(?:-?(?:м|й|го|ой|ом))?\\s+(?:полугоди\\p{L}*|половин\\p{L}*)(?:\\s+${Y}(?:${YEAR_WORD})?|\\s+${REL}\\s+года|\\s+года)?`,
);
const SEASON = re(
  `${NB}(?:(прошл\\p{L}*|следующ\\p{L}*|будущ\\p{L}*|эт(?:ой|им|ого)|нынешн\\p{L}*)\\s+)?(зимой|зим[аыуе]|весной|весн[аыуе]|летом|осенью|осен[ьи])(?![\\p{L}])(?:\\s+${Y}(?:-?го)?(?:\\s*(?:год\\p{L}*|г\\.))?|\\s+${REL}\\s+года)?`,
);
const YEAR = re(`${NB}${Y}(?:${YEAR_WORD}|-(?:м|му|й|го)(?![\\p{L}]))`);
const YEARLESS_PART = re(`${NB}(года|${REL}\\s+года)(?![\\p{L}])`);
const SPAN = re(
  `${NB}(?:(?:в\\s+)?ближайшие|в\\s+течение|через)\\s+${NUM}\\s+(лет|год\\p{L}*|месяц\\p{L}*)(?![\\p{L}])`,
);
const THIS = re(
  `${NB}(?:в|во)\\s+(этом|текущем|нынешнем|следующем|будущем|прошлом)\\s+(году|месяце|квартале|полугодии)(?![\\p{L}])`,
);

/** Words that tell chrono-node is worth running on a sentence at all (it is the slow part). */
const CHRONO_HINT =
  /январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|понедельник|вторник|сред[уа]|четверг|пятниц|суббот|воскресень|вчера|сегодня|завтра|сейчас|прошл|следующ|\d{1,2}\.\d{1,2}\.\d{2,4}/iu;

const NOW = /^(?:вчера|сегодня|завтра|сейчас|позавчера|послезавтра)$/iu;
const PRESENT = /^(?:сегодня|сейчас)$/iu;

/** Future tense around a weekday: the coming one, not the past one. */
const FUTURE =
  /состоится|пройд[её]т|будет|начн[её]тся|откроется|планиру|намечен|ожидается|соберутся|подпишут|запустят/iu;

const STATISTICS_AFTER =
  /^\s*(?:года\s+|году\s+)?(?:выручк|объ[её]м|прибыл|добыч|производств|экспорт|импорт|показател|составил|составила|составило|выросл|снизил|увеличил|сократил)/iu;
/** A document's name ending in a year: «Стратегия развития … до 2035 года», «программа … на 2025–2030 годы». */
const DOCUMENT_BEFORE =
  /(?:стратеги|программ|концепци|прогноз|доктрин|нацпроект|национальн\p{L}*\s+проект|план\p{L}*\s+мероприятий)[^.;:«»"]{0,80}$/iu;

function ordinal(word: string): number {
  const w = word.toLowerCase();
  if (/^\d$/.test(w)) return Number(w);
  const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
  if (roman[w]) return roman[w] as number;
  if (w.startsWith('перв')) return 1;
  if (w.startsWith('втор')) return 2;
  if (w.startsWith('трет')) return 3;
  return 4;
}

function count(word: string): number {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  if (/^\d+$/.test(w)) return Number(w);
  const table: [string, number][] = [
    ['одн', 1],
    ['дв', 2],
    ['тр', 3],
    ['четыр', 4],
    ['пят', 5],
    ['шест', 6],
    ['сем', 7],
    ['восем', 8],
    ['восьм', 8],
    ['девят', 9],
    ['десят', 10],
  ];
  return table.find(([prefix]) => w.startsWith(prefix))?.[1] ?? 1;
}

/** A year named relative to the publication year. */
function relativeYear(word: string | undefined, base: number): number | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (w.startsWith('следующ') || w.startsWith('будущ')) return base + 1;
  if (w.startsWith('прошл')) return base - 1;
  return base;
}

interface Raw {
  start: number;
  end: number;
  build: (lead: Lead) => { period: Period; qualifier: Qualifier; movedFrom?: number } | null;
  relative: boolean;
  nonPlan?: NonPlan;
}

/** The period a year takes with a part of it named before it («в начале», «в конце»). */
function yearWithPart(year: number, lead: Lead): { period: Period; qualifier: Qualifier } {
  if (lead.part === 'begin' && lead.qualifier !== 'no_earlier_than') {
    return { period: periodOf('quarter', year, 1), qualifier: lead.qualifier ?? 'approximate' };
  }
  if (lead.part === 'end' && lead.qualifier !== 'no_later_than') {
    return { period: periodOf('quarter', year, 10), qualifier: lead.qualifier ?? 'approximate' };
  }
  if (lead.part === 'middle') return { period: periodOf('year', year), qualifier: 'approximate' };
  return { period: periodOf('year', year), qualifier: lead.qualifier ?? 'exact' };
}

function sameQualifier(lead: Lead): Qualifier {
  return lead.qualifier ?? 'exact';
}

/** All date expressions of the sentence text[from, to), in text order, overlaps resolved (longest wins). */
export function findDates(text: string, from: number, to: number, ctx: DateContext): DateMention[] {
  const sentence = text.slice(from, to);
  const base = ctx.publishedOn ?? ctx.today;
  const baseYear = yearOf(base);
  const raws: Raw[] = [];
  const at = (m: RegExpMatchArray) => from + (m.index ?? 0);

  // Years named in the sentence, for expressions that leave the year out.
  const explicitYears: { at: number; year: number }[] = [];
  for (const m of sentence.matchAll(YEAR)) explicitYears.push({ at: at(m), year: Number(m[1]) });
  const yearNear = (pos: number): number => {
    let best: { at: number; year: number } | null = null;
    for (const y of explicitYears) if (!best || Math.abs(y.at - pos) < Math.abs(best.at - pos)) best = y;
    return best?.year ?? ctx.yearHint ?? baseYear;
  };

  for (const m of sentence.matchAll(MOVE)) {
    const start = at(m);
    const fromYear = Number(m[1]);
    const toYear = Number(m[2]);
    const toAt = start + m[0].lastIndexOf('на');
    raws.push({
      start,
      end: toAt,
      relative: false,
      nonPlan: 'movedFrom',
      build: () => ({ period: periodOf('year', fromYear), qualifier: 'exact' }),
    });
    raws.push({
      start: toAt,
      end: start + m[0].length,
      relative: false,
      build: () => ({ period: periodOf('year', toYear), qualifier: 'exact', movedFrom: fromYear }),
    });
  }
  for (const m of sentence.matchAll(RANGE)) {
    const first = Number(m[1]);
    const last = Number(m[2]);
    if (last <= first || last - first > 15) continue;
    raws.push({
      start: at(m),
      end: at(m) + m[0].length,
      relative: false,
      build: (lead) => {
        if (lead.qualifier === 'no_later_than') return { period: periodOf('year', last), qualifier: 'no_later_than' };
        const qualifier = lead.qualifier ?? (last - first === 1 ? 'approximate' : 'no_earlier_than');
        return { period: periodOf('year', first), qualifier };
      },
    });
  }
  for (const m of sentence.matchAll(QUARTER)) {
    const q = ordinal(m[1] as string);
    const year = m[2] ? Number(m[2]) : m[3] ? relativeYear(m[3], baseYear) : null;
    raws.push({
      start: at(m),
      end: at(m) + m[0].length,
      relative: !m[2],
      build: (lead) => ({
        period: periodOf('quarter', year ?? yearNear(at(m)), q * 3 - 2),
        qualifier: sameQualifier(lead),
      }),
    });
  }
  for (const m of sentence.matchAll(HALF)) {
    const h = ordinal(m[1] as string);
    if (h > 2) continue;
    const year = m[2] ? Number(m[2]) : m[3] ? relativeYear(m[3], baseYear) : null;
    raws.push({
      start: at(m),
      end: at(m) + m[0].length,
      relative: !m[2],
      build: (lead) => ({
        period: periodOf('half', year ?? yearNear(at(m)), h * 6 - 5),
        qualifier: sameQualifier(lead),
      }),
    });
  }
  for (const m of sentence.matchAll(SEASON)) {
    const word = (m[2] as string).toLowerCase();
    const month = word.startsWith('зим') ? 1 : word.startsWith('весн') ? 4 : word.startsWith('лет') ? 7 : 10;
    const year = m[3] ? Number(m[3]) : (relativeYear(m[1] ?? m[4], baseYear) ?? null);
    raws.push({
      start: at(m),
      end: at(m) + m[0].length,
      relative: !m[3],
      build: (lead) => ({
        period: periodOf('quarter', year ?? yearNear(at(m)), month),
        qualifier: lead.qualifier ?? 'approximate',
      }),
    });
  }
  for (const m of sentence.matchAll(YEAR)) {
    const year = Number(m[1]);
    raws.push({ start: at(m), end: at(m) + m[0].length, relative: false, build: (lead) => yearWithPart(year, lead) });
  }
  for (const m of sentence.matchAll(YEARLESS_PART)) {
    // Only «в конце года», «до конца этого года»: a bare «года» means nothing without a part before it.
    const lead = readLead(text, at(m), from);
    if (!lead.part) continue;
    const year = relativeYear(m[2] ?? 'этого', baseYear) as number;
    raws.push({ start: at(m), end: at(m) + m[0].length, relative: true, build: (l) => yearWithPart(year, l) });
  }
  for (const m of sentence.matchAll(SPAN)) {
    const n = count(m[1] as string);
    const unit = (m[2] as string).toLowerCase();
    const through = /^через/iu.test(m[0]);
    const months = unit.startsWith('месяц') ? n : n * 12;
    const precision: Precision = unit.startsWith('месяц') ? 'month' : 'year';
    const target = addMonths(base, months);
    raws.push({
      start: at(m),
      end: at(m) + m[0].length,
      relative: true,
      build: () => ({
        period: periodOf(precision, yearOf(target), Number(target.slice(5, 7))),
        qualifier: through ? 'approximate' : 'no_later_than',
      }),
    });
  }
  for (const m of sentence.matchAll(THIS)) {
    const which = (m[1] as string).toLowerCase();
    const unit = (m[2] as string).toLowerCase();
    const step = which.startsWith('следующ') || which.startsWith('будущ') ? 1 : which.startsWith('прошл') ? -1 : 0;
    const precision: Precision = unit.startsWith('год')
      ? 'year'
      : unit.startsWith('месяц')
        ? 'month'
        : unit.startsWith('квартал')
          ? 'quarter'
          : 'half';
    const size = { year: 12, month: 1, quarter: 3, half: 6, day: 0 }[precision];
    const anchor = addMonths(base, step * size);
    raws.push({
      start: at(m),
      end: at(m) + m[0].length,
      relative: true,
      build: (lead) => ({
        period: periodOf(precision, yearOf(anchor), Number(anchor.slice(5, 7))),
        qualifier: sameQualifier(lead),
      }),
    });
  }

  if (CHRONO_HINT.test(sentence)) {
    const ref = new Date(`${base}T12:00:00Z`);
    for (const r of chrono.ru.parse(sentence, ref)) {
      const known = r.start;
      const start = from + r.index;
      const end = start + r.text.length;
      const hasDay = known.isCertain('day');
      const hasMonth = known.isCertain('month');
      const hasYear = known.isCertain('year');
      const weekday = known.isCertain('weekday') && !hasDay;
      if (!hasDay && !hasMonth && !weekday) continue; // a time of day, or a year chrono guessed («в 2»)
      // Bare numbers chrono reads as a day of the month («в 10», «18%») without a month are not dates.
      if (!hasMonth && !weekday && !NOW.test(r.text)) continue;
      const relative = !hasYear;
      if (relative && !ctx.publishedOn && (weekday || /вчера|сегодня|завтра|сейчас|прошл|следующ/iu.test(r.text))) {
        continue; // «в четверг» of an undated article could be any Thursday
      }
      raws.push({
        start,
        end,
        relative,
        ...(PRESENT.test(r.text) ? { nonPlan: 'now' as const } : {}),
        build: (lead) => {
          let day: string;
          if (weekday) {
            const wanted = known.get('weekday') as number;
            const future = FUTURE.test(sentence);
            let shift = (weekdayOf(base) - wanted + 7) % 7;
            if (future) shift = shift === 0 ? 0 : shift - 7;
            day = addDays(base, -shift);
          } else {
            // The components chrono implied from the reference date, not its Date object: that one
            // lives in the machine's time zone, and a calendar date must not move with it.
            day = formatCalendarDate({
              year: known.get('year') ?? yearOf(base),
              month: known.get('month') ?? 1,
              day: hasDay || NOW.test(r.text) ? (known.get('day') ?? 1) : 1,
            });
            if (!hasYear && !weekday) {
              // A yearless day or month in a sentence that names a year belongs to that year.
              const year = explicitYears.length ? yearNear(start) : yearOf(day);
              day = `${year}${day.slice(4)}`;
            }
          }
          if (!hasDay && !weekday && !NOW.test(r.text)) {
            return { period: periodOf('month', yearOf(day), Number(day.slice(5, 7))), qualifier: sameQualifier(lead) };
          }
          if (lead.qualifier === 'approximate') {
            return { period: periodOf('month', yearOf(day), Number(day.slice(5, 7))), qualifier: 'approximate' };
          }
          return { period: { start: day, end: day, precision: 'day' }, qualifier: sameQualifier(lead) };
        },
      });
    }
  }

  // Longest first; a later expression overlapping one already kept is dropped.
  raws.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Raw[] = [];
  for (const r of raws) if (!kept.some((k) => r.start < k.end && k.start < r.end)) kept.push(r);
  kept.sort((a, b) => a.start - b.start);

  const mentions: DateMention[] = [];
  for (const r of kept) {
    const lead = readLead(text, r.start, from);
    const built = r.build(lead);
    if (!built) continue;
    let nonPlan: NonPlan | null = r.nonPlan ?? null;
    if (!nonPlan && lead.statistics) nonPlan = 'statistics';
    if (!nonPlan && STATISTICS_AFTER.test(text.slice(r.end, to))) nonPlan = 'statistics';
    if (!nonPlan && lead.qualifier === 'no_later_than' && DOCUMENT_BEFORE.test(text.slice(from, lead.start))) {
      nonPlan = 'name';
    }
    let end = r.end;
    while (end > r.start && /\s/u.test(text.charAt(end - 1))) end--;
    mentions.push({
      start: lead.start,
      end,
      period: built.period,
      qualifier: built.qualifier,
      relative: r.relative,
      nonPlan,
      movedFrom: built.movedFrom ?? null,
    });
  }
  return mentions;
}
