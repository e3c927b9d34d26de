/**
 * A title for a proposed new milestone, built from its sentence: what the plan verb governs
 * («планируют запустить многоассортиментный завод …» → «Многоассортиментный завод …»), or the
 * subject before it when nothing follows («Завод по выпуску магнитов заработает в 2029 году» →
 * «Завод по выпуску магнитов»). Dates, qualifiers and reporting tails are left out; the planner
 * edits the title anyway, so it aims at being recognisable, not final.
 */

export interface Span {
  start: number;
  end: number;
}

const MAX_WORDS = 14;
// Where a clause ends: punctuation, or a relative clause that adds a detail rather than names the thing.
const CLAUSE_END =
  /[.;:!?…]|,\s*(?:котор|что|где|когда|а\s|но\s|напрямую|сообщил|заявил|отметил|говорится|рассказал|передает|передаёт)|\s[-–—]\s|["»”](?=\s*[,-–—])/u;
const INFINITIVE = /(?:ть|ти|чь)(?:ся|сь)?$/u;
const LEADING_NOISE = /^(?:(?:также|уже|ещё|еще|здесь|там|вновь|впервые|в\s+том\s+числе|совместно|и|а|,)\s+)+/iu;
const TRAILING_NOISE = /[\s,(–—-]+$/u;

function blank(text: string, from: number, to: number, spans: Span[]): string {
  let s = text.slice(from, to);
  for (const span of spans) {
    const a = Math.max(span.start, from);
    const b = Math.min(span.end, to);
    if (a < b) s = s.slice(0, a - from) + ' '.repeat(b - a) + s.slice(b - from);
  }
  return s;
}

function tidy(raw: string): string {
  let s = raw.replace(/\s+/gu, ' ').trim();
  const cut = CLAUSE_END.exec(s);
  if (cut) s = s.slice(0, cut.index);
  s = s.replace(LEADING_NOISE, '');
  // Leading infinitives («запустить», «ввести в эксплуатацию» keeps its object) are the plan, not the thing.
  let words = s.split(' ');
  while (words.length > 1 && INFINITIVE.test(words[0] as string)) words = words.slice(1);
  // «планируется построить к 2029 году, его оператором станет …»: the verb governs nothing of its own
  // (the date is blanked), and the next clause is about something else.
  if (words.length < s.split(' ').length && words[0]?.startsWith(',')) return '';
  s = words.join(' ').replace(LEADING_NOISE, '');
  words = s.split(' ');
  if (words.length > MAX_WORDS) s = words.slice(0, MAX_WORDS).join(' ');
  s = s.replace(TRAILING_NOISE, '').replace(/^[\s,–—-]+/u, '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The title for a new milestone from the sentence text[from, to), around the cue at `cue`,
 * with `skip` (dates, qualifiers) blanked out first.
 */
export function titleFromSentence(text: string, from: number, to: number, cue: Span | null, skip: Span[]): string {
  const sentence = blank(text, from, to, skip);
  if (cue) {
    const after = tidy(sentence.slice(cue.end - from));
    const before = sentence.slice(0, cue.start - from);
    const clauseStart = Math.max(before.lastIndexOf(', '), -1) + 1;
    const subject = tidy(before.slice(clauseStart));
    // «Завод … планируется построить в Саяногорске»: what follows is a place, the thing is the subject.
    const placeAfter = /^(?:в|во|на|под|у|к|при|около|рядом)\s/iu.test(after);
    if (after.split(' ').length >= 2 && !(placeAfter && subject.split(' ').length >= 2)) return after;
    if (subject.split(' ').length >= 2) return subject;
    if (after) return after;
  }
  return tidy(sentence) || text.slice(from, to).trim().slice(0, 120);
}
