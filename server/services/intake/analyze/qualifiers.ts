import type { Qualifier } from '../../../../shared/claim-enums';

/**
 * The words in front of a date expression that say how to read it: its qualifier («к», «до»,
 * «не позднее» → no later than; «не ранее», «не раньше», «после» → no earlier than; «около»,
 * «ориентировочно», «порядка» → approximate), a part of the period («в начале», «в конце»,
 * «до конца»), or that the date counts statistics rather than plans («по итогам», «за»).
 */

export type Part = 'begin' | 'middle' | 'end';

export interface Lead {
  /** Where the leading words start (the expression's quote starts here). */
  start: number;
  qualifier: Qualifier | null;
  part: Part | null;
  /** «по итогам 2025 года», «за 2025 год», «по сравнению с 2024 годом»: a figure's period, not a plan. */
  statistics: boolean;
  /** The plain preposition just before the date («в», «на», «с», …), lower-cased, or null. */
  preposition: string | null;
}

interface LeadWord {
  pattern: RegExp;
  qualifier?: Qualifier;
  part?: Part;
  statistics?: boolean;
  preposition?: boolean;
}

// Each pattern is tried at the end of the text before the expression; the longest phrases first.
const WORDS: LeadWord[] = [
  { pattern: /(?:не\s+позднее|не\s+позже)\s+(?:конца\s+)?$/iu, qualifier: 'no_later_than', part: 'end' },
  { pattern: /(?:не\s+ранее|не\s+раньше)\s+$/iu, qualifier: 'no_earlier_than' },
  { pattern: /(?:до|к)\s+(?:конца|концу|окончания|исходу)\s+$/iu, qualifier: 'no_later_than', part: 'end' },
  { pattern: /(?:в|во)\s+(?:конце|концовке|завершение)\s+$/iu, part: 'end' },
  { pattern: /(?:в|во)\s+(?:начале)\s+$/iu, part: 'begin' },
  { pattern: /(?:с|со)\s+(?:начала)\s+$/iu, qualifier: 'no_earlier_than', part: 'begin' },
  { pattern: /(?:в|во)\s+(?:середине)\s+$/iu, part: 'middle' },
  { pattern: /вплоть\s+до\s+$/iu, qualifier: 'no_later_than' },
  { pattern: /начиная\s+(?:с|со)\s+$/iu, qualifier: 'no_earlier_than' },
  { pattern: /ближе\s+к\s+$/iu, qualifier: 'approximate' },
  {
    pattern:
      /(?:по\s+итогам|по\s+результатам|по\s+состоянию\s+на|по\s+сравнению\s+с|в\s+сравнении\s+с|по\s+данным\s+(?:за|на))\s+$/iu,
    statistics: true,
  },
  { pattern: /(?:^|[^\p{L}])за\s+$/iu, statistics: true },
  {
    pattern:
      /(?:^|[^\p{L}])(?:около|ориентировочно|приблизительно|примерно|предположительно|порядка|предварительно|ориентировочно)\s+$/iu,
    qualifier: 'approximate',
  },
  { pattern: /(?:^|[^\p{L}])после\s+$/iu, qualifier: 'no_earlier_than' },
  { pattern: /(?:^|[^\p{L}])(?:до|к|ко)\s+$/iu, qualifier: 'no_later_than', preposition: true },
  { pattern: /(?:^|[^\p{L}])(?:в|во|на|с|со|по|от)\s+$/iu, preposition: true },
  // Fillers between a qualifier and its date («уже в 2027 году»).
  { pattern: /(?:^|[^\p{L}])(?:уже|еще|ещё|лишь|только|же|чем)\s+$/iu },
];

/** Words that make any later date in the clause approximate («по предварительным оценкам … в 2029 году»). */
const LOOSE =
  /(?:по\s+предварительным\s+(?:данным|оценкам|расчетам|расчётам)|по\s+оценкам|ориентировочно|приблизительно|предположительно|примерно)[^.;:]*$/iu;

/** Reads the leading words before `start`, never past `floor` (the sentence's start). */
export function readLead(text: string, start: number, floor: number): Lead {
  const lead: Lead = { start, qualifier: null, part: null, statistics: false, preposition: null };
  // A few words at most: «ориентировочно не позднее конца» is the longest chain news writes.
  for (let step = 0; step < 4; step++) {
    const before = text.slice(Math.max(floor, lead.start - 40), lead.start);
    const hit = WORDS.find((w) => w.pattern.test(before));
    if (!hit) break;
    const m = hit.pattern.exec(before);
    if (!m) break;
    // The match may include one separating character in front of the word; keep it out of the quote.
    const matched = m[0].replace(/^[^\p{L}]+/u, '');
    lead.start -= matched.length;
    if (hit.statistics) lead.statistics = true;
    if (hit.part && !lead.part) lead.part = hit.part;
    if (hit.qualifier && !lead.qualifier) lead.qualifier = hit.qualifier;
    if (hit.preposition && lead.preposition === null) lead.preposition = matched.trim().toLowerCase();
  }
  if (!lead.qualifier && LOOSE.test(text.slice(floor, lead.start))) lead.qualifier = 'approximate';
  return lead;
}
