import snowball from 'snowball-stemmers';

/**
 * Words of Russian text with their stems. JavaScript's `\b` and `\w` are ASCII-only, so words
 * are runs of `\p{L}`/digits read with the `u` flag; a hyphen joins parts of one word
 * («научно-технологический», «Ангаро-Енисейский»). Stems come from the Snowball Russian stemmer,
 * after ё → е, because texts spell «партнёр» and «партнер» alike.
 */

export interface Word {
  /** The word as written. */
  text: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
}

const russian = snowball.newStemmer('russian');
const stems = new Map<string, string>();

/** The stem of one lower-cased word, memoised: an article repeats its words, and the stemmer is the hot path. */
export function stemWord(lower: string): string {
  let s = stems.get(lower);
  if (s === undefined) {
    const plain = lower.replace(/ё/g, 'е');
    s = /^[\p{Script=Cyrillic}-]+$/u.test(plain) ? russian.stem(plain) : plain;
    if (stems.size > 50_000) stems.clear();
    stems.set(lower, s);
  }
  return s;
}

const WORD = /[\p{L}\d]+(?:[-‐][\p{L}\d]+)*/gu;

/** The words of `text` between `from` and `to`, with offsets into `text`. */
export function findWords(text: string, from = 0, to = text.length): Word[] {
  const words: Word[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    const start = from + (m.index ?? 0);
    words.push({ text: m[0], lower, stem: stemWord(lower), start, end: start + m[0].length });
  }
  return words;
}

/**
 * Words that say nothing about which milestone a sentence is about: function words, reporting
 * verbs and the words every article of this cluster uses. Kept as stems.
 */
const STOP = [
  'и',
  'в',
  'во',
  'на',
  'с',
  'со',
  'к',
  'ко',
  'по',
  'о',
  'об',
  'от',
  'до',
  'за',
  'из',
  'у',
  'для',
  'при',
  'что',
  'это',
  'как',
  'так',
  'а',
  'но',
  'же',
  'не',
  'ни',
  'или',
  'ли',
  'бы',
  'то',
  'его',
  'ее',
  'их',
  'он',
  'она',
  'они',
  'оно',
  'мы',
  'вы',
  'я',
  'который',
  'которая',
  'которые',
  'которого',
  'этот',
  'эта',
  'эти',
  'этого',
  'том',
  'также',
  'уже',
  'еще',
  'год',
  'года',
  'году',
  'годах',
  'годы',
  'г',
  'гг',
  'сообщил',
  'сообщила',
  'сообщили',
  'заявил',
  'заявила',
  'сказал',
  'отметил',
  'рассказал',
  'словам',
  'данным',
  'ранее',
  'сейчас',
  'будет',
  'будут',
  'был',
  'была',
  'было',
  'были',
  'планируется',
  'планируют',
  'проект',
  'проекта',
  'проекту',
  'проекте',
  'рамках',
  'время',
  'этом',
  'всего',
  'более',
  'менее',
  'около',
  'после',
  'между',
  'через',
  'под',
  'над',
  'без',
  'только',
  'том',
  'числе',
  'того',
  'чтобы',
  'кластер',
  'кластера',
  'кластеру',
  'кластере',
  'кластером',
  'россии',
  'россия',
  'рф',
  'российской',
  'федерации',
  'году',
  'весь',
  'все',
  'всех',
  'свой',
  'своих',
  'может',
  'могут',
  'должен',
  'должны',
  'котор',
  'стал',
  'станет',
];
const STOP_STEMS = new Set(STOP.map(stemWord));

/** True for a word that counts when telling milestones apart (no function word, no number, long enough). */
export function isContentWord(word: Word): boolean {
  return word.stem.length >= 3 && !/^\d+$/.test(word.stem) && !STOP_STEMS.has(word.stem);
}
