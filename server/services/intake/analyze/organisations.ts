import { findWords, stemWord, type Word } from './words';

/**
 * Organisations named in a sentence, matched to the roadmap's participants by name, inflection
 * and alias («Росатома», «Норникелем», «Норильского никеля», «СФУ», «Сибирского федерального
 * университета»), or found as new ones («компания «Тувалитий»», «АО «Сибредмет»»).
 *
 * A participant's forms are stem sequences, so every case of a name matches: its full name;
 * the part in quotes («Госкорпорация «Росатом»» → Росатом); the name without «Российской
 * Федерации» (texts write «РФ» or nothing); its acronym (Сибирский федеральный университет →
 * СФУ; Сибирское отделение РАН → СО РАН); a person's surname; the aliases the roadmap gives;
 * and the few conventional short names that no rule derives (Минпромторг, «Норильский никель»).
 *
 * A regional government («Правительство Иркутской области», «Администрация Красноярского края»,
 * «Правительство Республики Хакасия») is also named by its region alone, in any case: news write
 * «в Красноярском крае», «на территориях Иркутской области», «в Хакасии и Туве». Such a mention
 * is marked `region`: it names the place, and only says the government takes part where the text
 * puts the project there (roles.ts, regionHostRole).
 */

export interface Participant {
  id: number;
  nameRu: string;
  nameEn: string | null;
  aliases?: string[];
}

export interface OrganisationMention {
  /** The participant's id, or null for an organisation the roadmap does not know. */
  id: number | null;
  /** The participant's name, or the name as written for a new one. */
  name: string;
  start: number;
  end: number;
  /** Named by its region only («в Иркутской области»): a regional government by the place it governs. */
  region?: boolean;
  /** Named as the authority of a region («Правительство Хакасии»): the government, its region's words no topic. */
  governs?: boolean;
}

interface Form {
  id: number;
  name: string;
  /** Stems to match word by word; for an acronym, the exact words instead. */
  stems: string[];
  exact: boolean;
  region: boolean;
}

export interface Lexicon {
  byFirst: Map<string, Form[]>;
}

/**
 * Conventional short names, keyed by the stems a participant's full name must contain. Not a
 * list of the roadmap's participants: any participant whose name holds these words gets them.
 */
const CONVENTIONAL: { contains: string; aliases: string[] }[] = [
  { contains: 'норникель', aliases: ['Норильский никель', 'ГМК Норильский никель', 'Nornickel'] },
  { contains: 'министерство промышленности и торговли', aliases: ['Минпромторг'] },
  { contains: 'министерство природных ресурсов', aliases: ['Минприроды'] },
  { contains: 'министерство энергетики', aliases: ['Минэнерго'] },
  { contains: 'министерство экономического развития', aliases: ['Минэкономразвития', 'МЭР'] },
  { contains: 'министерство науки и высшего образования', aliases: ['Минобрнауки'] },
  { contains: 'министерство финансов', aliases: ['Минфин'] },
  { contains: 'совет безопасности', aliases: ['Совбез', 'Совбез РФ'] },
  {
    contains: 'сибирское отделение ран',
    aliases: ['Сибирское отделение Российской академии наук', 'СО РАН', 'Сибирского отделения академии наук'],
  },
  { contains: 'вэб.рф', aliases: ['ВЭБ', 'Внешэкономбанк'] },
  { contains: 'росатом', aliases: ['Государственная корпорация по атомной энергии', 'госкорпорация Росатом'] },
];

/** «Правительство Красноярского края» → «Красноярского края»: a regional authority followed by its region in the genitive. */
const REGIONAL_AUTHORITY =
  /^(?:Правительств\p{L}*|Администраци\p{L}*|Губернатор\p{L}*|Глав[аы]|Законодательн\p{L}*\s+собрани\p{L}*)\s+((?:[\p{L}-]+\s+)?(?:края|области|округа|автономного\s+округа)|(?:Республики|республики)\s+[\p{Lu}][\p{L}-]*(?:\s+\([\p{L}-]+\))?)$/u;
/**
 * A region right after one of these words names its government: «Правительство Хакасии», «власти
 * Иркутской области». Not «губернатор»: «сообщил губернатор Иркутской области» names who spoke.
 */
const AUTHORITY_BEFORE = /(?<![\p{L}-])(?:правительств|администраци|власт)\p{L}*\s+$/iu;
/** «Республики Хакасия» → «Хакасия»: a republic is also named without the word. */
const REPUBLIC = /^[Рр]еспублики\s+([\p{Lu}][\p{L}-]*)/u;
/** Conventional names of regions that no rule derives: Тыва is as often written Тува. */
const REGION_ALIASES: Record<string, string[]> = { тыва: ['Тува'], 'саха (якутия)': ['Якутия'] };

const CONNECTORS = new Set(['и', 'по', 'из', 'для', 'в', 'на', 'при', 'с']);
const RF_TAIL = /\s+(?:Российской\s+Федерации|РФ)$/u;
const QUOTED = /[«"“]([^»"”]+)[»"”]/gu;

function stemsOf(name: string): string[] {
  return findWords(name).map((w) => w.stem);
}

/** Сибирский федеральный университет → СФУ; Сибирское отделение РАН → СО РАН; one word or a name in quotes has none. */
function acronymOf(name: string): string | null {
  if (/[«"“]/u.test(name)) return null;
  const words = findWords(name).filter((w) => !CONNECTORS.has(w.lower));
  if (words.length < 2) return null;
  const last = words.at(-1) as Word;
  if (/^[\p{Lu}]{2,}$/u.test(last.text)) {
    const head = words.slice(0, -1);
    if (head.length < 1) return null;
    return `${head.map((w) => w.text.charAt(0).toUpperCase()).join('')} ${last.text}`;
  }
  if (words.length < 3) return null;
  return words.map((w) => w.text.charAt(0).toUpperCase()).join('');
}

/** «Денис Мантуров»: two capitalised words without an organisation's word — a person, known by surname too. */
function surnameOf(name: string): string | null {
  const words = findWords(name);
  if (words.length !== 2 || /[«"“]/u.test(name)) return null;
  if (!words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w.text))) return null;
  return (words[1] as Word).text;
}

/**
 * The stemmer cuts a name's nominative and its cases differently («Росатом» → росат, «Росатомом»
 * → росатом): two stems of a name are the same when one begins the other and they differ by
 * two letters at most. Forms are filed under their first four letters so such pairs meet.
 */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.length - short.length <= 2 && long.startsWith(short);
}

function prefixOf(stem: string): string {
  return stem.slice(0, 4);
}

export function buildLexicon(participants: Participant[]): Lexicon {
  const byFirst = new Map<string, Form[]>();
  const add = (p: Participant, name: string, exact = false, region = false) => {
    const stems = exact ? name.split(/\s+/u) : stemsOf(name);
    // A single common word («Институт») would match everywhere; single words must be proper names
    // (a region's own name may be short: «Тыва» → тыв).
    if (!stems.length || (stems.length === 1 && !exact && !region && (stems[0] as string).length < 4)) return;
    const key = exact ? (stems[0] as string) : prefixOf(stems[0] as string);
    const list = byFirst.get(key) ?? [];
    if (!list.some((f) => f.id === p.id && f.stems.join(' ') === stems.join(' '))) {
      list.push({ id: p.id, name: p.nameRu, stems, exact, region });
      byFirst.set(key, list);
    }
  };
  const addRegion = (p: Participant) => {
    const region = p.nameRu.trim().match(REGIONAL_AUTHORITY)?.[1];
    if (!region) return;
    add(p, region, false, true);
    const republic = region.match(REPUBLIC)?.[1];
    const own = republic ? region.replace(/^[Рр]еспублики\s+/u, '') : null;
    if (republic) add(p, republic, false, true);
    for (const alias of REGION_ALIASES[(own ?? '').toLowerCase()] ?? []) add(p, alias, false, true);
  };
  for (const p of participants) {
    addRegion(p);
    const names = [p.nameRu, ...(p.nameEn ? [p.nameEn] : []), ...(p.aliases ?? [])];
    const lowerFull = p.nameRu.toLowerCase().replace(/[«»"“”]/gu, '');
    for (const c of CONVENTIONAL) if (lowerFull.includes(c.contains)) names.push(...c.aliases);
    for (const name of names) {
      add(p, name);
      for (const m of name.matchAll(QUOTED)) add(p, m[1] as string);
      if (RF_TAIL.test(name)) {
        const bare = name.replace(RF_TAIL, '');
        add(p, bare);
        add(p, `${bare} России`);
        add(p, `${bare} РФ`);
        const acronym = acronymOf(bare);
        if (acronym) add(p, acronym, true);
      }
      const acronym = acronymOf(name);
      if (acronym) add(p, acronym, true);
      const surname = surnameOf(name);
      if (surname) add(p, surname);
      // Acronyms written in the name itself («ВЭБ.РФ», «СО РАН») match as written.
      if (/^[\p{Lu}.\s]+$/u.test(name.trim()))
        add(
          p,
          findWords(name)
            .map((w) => w.text)
            .join(' '),
          true,
        );
    }
  }
  // Longest forms first, so «Сибирское отделение РАН» wins over a shorter form at the same place.
  // (Several forms share a four-letter prefix; the lookup then checks each form word by word.)
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return { byFirst };
}

/** «компания» and «Компания» alike: the first letter of each alternative in both cases (no `i` flag, which would blur \p{Lu}). */
function eitherCase(alternatives: string[]): string {
  return alternatives
    .map((a) => {
      const first = a.charAt(0);
      const lower = first.toLowerCase();
      const upper = first.toUpperCase();
      return lower === upper ? a : `[${upper}${lower}]${a.slice(1)}`;
    })
    .join('|');
}

const ORG_TYPE = `(?:${eitherCase([
  'компани\\p{L}*',
  'госкорпораци\\p{L}*',
  'корпораци\\p{L}*',
  'холдинг\\p{L}*',
  'концерн\\p{L}*',
  'институт\\p{L}*',
  'университет\\p{L}*',
  'фонд\\p{L}*',
  'банк\\p{L}*',
  'предприяти\\p{L}*',
  'комбинат\\p{L}*',
  'ассоциаци\\p{L}*',
  'консорциум\\p{L}*',
  'производител\\p{L}*',
  'группа',
  'группы',
  'группой',
])}|АО|ПАО|ООО|ЗАО|НПО|ГК|ФГУП|АНО|МКПАО|ФГБУН|ФГАОУ)`;
const ROLE_NOUN = `(?:${eitherCase([
  'инвестор\\p{L}*',
  'соинвестор\\p{L}*',
  'оператор\\p{L}*',
  'партн[её]р\\p{L}*',
  'подрядчик\\p{L}*',
  'генподрядчик\\p{L}*',
  'исполнител\\p{L}*',
  'участник\\p{L}*',
])})`;
// The type word right before the name, with only adjectives between («горно-обогатительный
// комбинат «Ильменит»», «компания «Тувалитий»»), or a role said just before it («инвестором
// выступит «Тувалитий»»); a name in quotes after «кластера», «телеканалу», «проект» is no organisation.
const ADJECTIVES = '(?:\\s+[\\p{Ll}-]+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ую|юю|ых|их))*';
const NAME = '[«"“]([\\p{Lu}\\d][^»"”]{1,60})[»"”]';
const NEW_ORG = new RegExp(
  `(?<![\\p{L}])(${ORG_TYPE})(?:${ADJECTIVES}\\s+(${ORG_TYPE}))?\\s+${NAME}|(?<![\\p{L}])(${ROLE_NOUN})(?:\\s+[\\p{Ll}-]+){0,2}\\s+(?:выступ\\p{L}*|стал\\p{L}*|станет|будет|является)\\s+${NAME}`,
  'gu',
);
const LEGAL_FORM = /^(?:АО|ПАО|ООО|ЗАО|НПО|ГК|ФГУП|АНО|МКПАО)$/u;

/** Organisations of the sentence text[from, to), known and new, none overlapping. */
export function findOrganisations(text: string, from: number, to: number, lexicon: Lexicon): OrganisationMention[] {
  const words = findWords(text, from, to);
  const found: OrganisationMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    const candidates = [...(lexicon.byFirst.get(prefixOf(w.stem)) ?? []), ...(lexicon.byFirst.get(w.text) ?? [])];
    for (const form of candidates) {
      const n = form.stems.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const word = words[i + k] as Word;
        ok = form.exact ? word.text === form.stems[k] : sameStem(word.stem, form.stems[k] as string);
      }
      // One-word forms are proper names: they must be capitalised in the text too.
      if (ok && n === 1 && !form.exact && !/^[\p{Lu}\d]/u.test(w.text)) ok = false;
      if (!ok) continue;
      const end = (words[i + n - 1] as Word).end;
      // «Правительство Хакасии», «власти Иркутской области»: the government itself, not the place.
      const authority = form.region ? text.slice(Math.max(from, w.start - 40), w.start).match(AUTHORITY_BEFORE) : null;
      if (authority) {
        found.push({ id: form.id, name: form.name, start: w.start - authority[0].length, end, governs: true });
      } else
        found.push({ id: form.id, name: form.name, start: w.start, end, ...(form.region ? { region: true } : {}) });
      i += n - 1;
      break;
    }
  }
  const sentence = text.slice(from, to);
  for (const m of sentence.matchAll(NEW_ORG)) {
    const type = (m[2] ?? m[1] ?? '') as string;
    const name = ((m[3] ?? m[5]) as string).trim();
    const quoteAt = from + (m.index ?? 0) + m[0].length - name.length - 2;
    const start = from + (m.index ?? 0);
    const end = from + (m.index ?? 0) + m[0].length;
    const overlapping = found.filter((f) => f.start < end && start < f.end);
    // A region's word inside a company's own name («ООО «Хакасские магниты»») is part of the name, not a place.
    if (overlapping.some((f) => !f.region)) continue;
    for (const f of overlapping) found.splice(found.indexOf(f), 1);
    // A name in quotes that is itself a known participant's is that participant.
    if (findWords(name).length === 0) continue;
    const legal = LEGAL_FORM.test(type);
    found.push({ id: null, name: legal ? `${type} «${name}»` : `«${name}»`, start: legal ? start : quoteAt, end });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Stems of a participant's name, for telling whether a milestone already involves it. */
export function nameStems(name: string): string {
  return findWords(name)
    .map((w) => stemWord(w.lower))
    .join(' ');
}
