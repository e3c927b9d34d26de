import type { ParticipantRole } from '../../../../shared/participant';
import type { OrganisationMention } from './organisations';

/**
 * The role a sentence gives an organisation, read from the words around it: «инвестором
 * выступит», «оператором проекта станет», «научным партнёром», «курируют», «исполнитель». An
 * organisation takes the nearest cue of its sentence, when that cue is close (within a clause) or
 * the organisation stands in a list that runs from the cue («Проект курируют A, B, C и D»).
 * An organisation named as the parent of another («входит в научный дивизион Росатома») takes no
 * role from the sentence: the role is its subsidiary's.
 *
 * Who holds a meeting leads it: «секретарь Совета безопасности … провёл совещание» makes the
 * organisation before the verb the lead, never one named after it («провёл совещание с
 * представителями Росатома» — those take part). Cooperation with someone makes a partner of
 * whoever follows: «дорожная карта сотрудничества с Сибирским отделением РАН», «с участием».
 */

export interface RoleCue {
  role: ParticipantRole;
  /** A prepositional cue («на базе», «при участии», «совместно с») speaks only of what follows it. */
  forward: boolean;
  /**
   * A deed said of its subject («провёл совещание») speaks only of what precedes it, and makes a
   * lead only of a milestone that is the meeting (analyze.ts checks the title).
   */
  backward?: boolean;
  start: number;
  end: number;
  text: string;
}

const L = '(?<![\\p{L}])';
const rule = (role: ParticipantRole, source: string) => ({ role, pattern: new RegExp(`${L}(?:${source})`, 'giu') });
const FORWARD =
  /^(?:на\s+базе|при\s+участии|с\s+участием|совместно\s+с|в\s+партн[её]рстве|привлечени|сотрудничеств|взаимодействи|кооперации\s+с)/iu;
const BACKWARD = /^(?:провел|провёл|провел[аи]|провод)/iu;

// The more specific first: «научным партнёром» before «партнёром», «возглавил совет» before «возглавит».
const RULES: { role: ParticipantRole; pattern: RegExp }[] = [
  rule(
    'scientific_partner',
    'научн\\p{L}*\\s+партн[её]р\\p{L}*|научно-(?:технологическ|техническ|исследовательск)\\p{L}*\\s+партн[её]р\\p{L}*|научн\\p{L}*\\s+сопровождени\\p{L}*|научн\\p{L}*\\s+руководител\\p{L}*|научн\\p{L}*\\s+центр(?:ы|ов|ами)|научн\\p{L}*\\s+основ\\p{L}*',
  ),
  rule(
    'curator',
    'попечительск\\p{L}*\\s+совет\\p{L}*(?:\\s+[\\p{L}-]+){0,2}\\s+возглав\\p{L}*|возглав\\p{L}*\\s+попечительск\\p{L}*\\s+совет\\p{L}*|курир\\p{L}*|куратор\\p{L}*|попечительск\\p{L}*\\s+совет\\p{L}*',
  ),
  rule(
    'investor',
    'инвестор\\p{L}*|инвестирует|инвестируют|вложит|вложат|профинансиру\\p{L}*|финансировани\\p{L}*\\s+обеспеч\\p{L}*|соинвестор\\p{L}*',
  ),
  rule(
    'lead',
    '(?:провел[аи]?|провёл|проводит|проводят|проведет|проведёт)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:совещани\\p{L}*|заседани\\p{L}*)|оператор\\p{L}*|головн\\p{L}*\\s+(?:организаци|исполнител|компани)\\p{L}*|возглав\\p{L}*|руководител\\p{L}*\\s+проект\\p{L}*|заказчик\\p{L}*|инициатор\\p{L}*|отвеча\\p{L}*\\s+за',
  ),
  rule(
    'executor',
    'исполнител\\p{L}*|генподрядчик\\p{L}*|подрядчик\\p{L}*|построит|построят|займ[её]тся|занимается|выполнит|выполнят|поставщик\\p{L}*|обеспечени\\p{L}*\\s+деятельност\\p{L}*',
  ),
  rule(
    'partner',
    'партн[её]р\\p{L}*|участник\\p{L}*|присоедин\\p{L}*|войд[её]т\\s+в|входит\\s+в\\s+проект|вош[её]л\\s+в|вошл[аи]\\s+в|при\\s+участии|совместно\\s+с|в\\s+партн[её]рстве|корпораци[ия]\\s*\\(|в\\s+проект\\s+входит|на\\s+базе|соглашени\\p{L}*(?:\\s+[\\p{L}-]+){0,4}\\s+с(?=\\s)|привлечени\\p{L}*|сотрудничеств\\p{L}*\\s+с(?=\\s)|взаимодействи\\p{L}*\\s+с(?=\\s)|кооперации\\s+с(?=\\s)|с\\s+участием|региональн\\p{L}*\\s+власт\\p{L}*',
  ),
];

/** The role cues of the sentence text[from, to), none overlapping. */
export function findRoleCues(text: string, from: number, to: number): RoleCue[] {
  const sentence = text.slice(from, to);
  const cues: RoleCue[] = [];
  for (const r of RULES) {
    r.pattern.lastIndex = 0;
    for (const m of sentence.matchAll(r.pattern)) {
      const start = from + (m.index ?? 0);
      const end = start + m[0].length;
      if (cues.some((c) => start < c.end && c.start < end)) continue;
      cues.push({
        role: r.role,
        start,
        end,
        text: m[0],
        forward: FORWARD.test(m[0]),
        ...(BACKWARD.test(m[0]) ? { backward: true } : {}),
      });
    }
  }
  return cues.sort((a, b) => a.start - b.start);
}

/** «Куратором … станет Минпромторг»: a role noun, then the verb that hands it to the organisation right after. */
const HANDS_ROLE =
  /(?:станет|стал[аио]?|выступит|выступает|выступил[аио]?|является|будет)\s+(?:[\p{Ll}-]+\s+)?[«"“]?$/u;
const PARENT =
  /(?:дивизион\p{L}*|подразделени\p{L}*|дочерн\p{L}*\s+(?:компани|структур)\p{L}*|структур\p{L}*|входит\s+в(?:\s+[\p{L}-]+){0,3}|акционер\p{L}*)\s*$/iu;
/** What may stand between a cue and an organisation of the list it opens: separators and a few words of a name. */
const LIST_SEPARATOR = /[,;]|(?<![\p{L}])и(?![\p{L}])/u;
const LIST_STOP = /сообщ|заяв|сказ|отмет|подчеркн|рассказ|котор|[.!?]/iu;
const LIST_CONNECTORS = /(?<![\p{L}])(?:и|а\s+также|также|в\s+том\s+числе)(?![\p{L}])/giu;
const LIST_EXTRA_WORDS = 4;
const NEAR = 60;

/** The role the sentence gives `org`, or null when it says none. */
export function roleFor(
  text: string,
  org: OrganisationMention,
  allCues: RoleCue[],
  orgs: OrganisationMention[],
  sentenceStart: number,
): RoleCue | null {
  if (PARENT.test(text.slice(Math.max(sentenceStart, org.start - 50), org.start))) return null;
  // A cue inside an organisation's own name («Партнёры из дружественных стран») is no cue.
  const cues = allCues.filter((c) => !orgs.some((o) => c.start < o.end && o.start < c.end));
  // «корпорации («Росатом», «Норникель»)», «научные центры (СО РАН, вузы)»: the cue before the bracket.
  const before = text.slice(sentenceStart, org.start);
  const open = before.lastIndexOf('(');
  if (open >= 0 && before.indexOf(')', open) < 0) {
    const bracketCue = cues.find((c) => c.end <= sentenceStart + open + 1 && sentenceStart + open - c.end <= 3);
    if (bracketCue) return bracketCue;
  }
  if (HANDS_ROLE.test(text.slice(Math.max(sentenceStart, org.start - 30), org.start))) {
    const handed = cues.filter((c) => c.end <= org.start).at(-1);
    if (handed) return handed;
  }
  let best: RoleCue | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const cue of cues) {
    if (cue.forward && cue.start > org.start) continue;
    if (cue.backward && cue.start < org.end) continue;
    const distance = cue.end <= org.start ? org.start - cue.end : cue.start >= org.end ? cue.start - org.end : 0;
    if (distance < bestDistance) {
      best = cue;
      bestDistance = distance;
    }
  }
  if (!best) return null;
  if (bestDistance <= NEAR) return best;
  // Far from the cue: only when the words between are the list the cue opened.
  if (best.end <= org.start) {
    let between = text.slice(best.end, org.start);
    for (const other of orgs) {
      if (other.start >= best.end && other.end <= org.start) {
        between = between.replace(text.slice(other.start, other.end), ' ');
      }
    }
    const extra = between
      .replace(LIST_CONNECTORS, ' ')
      .split(/[^\p{L}.-]+/u)
      .filter(Boolean).length;
    if (LIST_SEPARATOR.test(between) && !LIST_STOP.test(between) && extra <= LIST_EXTRA_WORDS) return best;
  }
  return null;
}

/**
 * «Создание кластера предполагается на территориях Красноярского края, Иркутской области, Хакасии
 * и Тувы», «объединит предприятия в Красноярском крае, Иркутской области…»: a project put in
 * several regions at once is theirs together, and each region's government is a partner. Only
 * regions (organisations.ts marks them), only a list of two or more in the locative («в», «на
 * территориях»), only in a sentence about a project (`project`: a milestone, a status cue or a
 * word of creation). One region is only where a thing stands («В Хакасии построят завод»), and
 * a region named as anything else («губернатора Красноярского края») gives no role.
 */
const LOCATIVE = /(?:^|[^\p{L}])(?:в|во|на\s+территори\p{L}*(?:\s+[\p{Ll}-]+){0,1})\s+$/iu;
const REGION_LIST = /^(?:\s*(?:,|и|а\s+также)\s*)+$/u;

export function regionHostRole(
  text: string,
  org: OrganisationMention,
  orgs: OrganisationMention[],
  sentenceStart: number,
  project: boolean,
): RoleCue | null {
  if (!org.region || !project) return null;
  // Walk back through the list of regions this one is in («…края, Иркутской области и Тувы»).
  const regions = orgs.filter((o) => o.region);
  let at = regions.indexOf(org);
  while (
    at > 0 &&
    REGION_LIST.test(
      text.slice((regions[at - 1] as OrganisationMention).end, (regions[at] as OrganisationMention).start),
    )
  )
    at--;
  const head = regions[at] as OrganisationMention;
  let last = regions.indexOf(org);
  while (
    last + 1 < regions.length &&
    REGION_LIST.test(
      text.slice((regions[last] as OrganisationMention).end, (regions[last + 1] as OrganisationMention).start),
    )
  )
    last++;
  if (last - at < 1) return null;
  const lead = text.slice(Math.max(sentenceStart, head.start - 40), head.start);
  const m = lead.match(LOCATIVE);
  if (!m) return null;
  const start = head.start - m[0].trimStart().length;
  return { role: 'partner', forward: true, start, end: head.start, text: text.slice(start, head.start).trim() };
}
