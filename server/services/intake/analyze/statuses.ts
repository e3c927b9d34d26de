import type { Status } from '../../../../shared/status';

/**
 * Status cues of Russian news in their inflected forms, mapped to the app's statuses. A cue is a
 * pattern over the sentence; its tense matters: «введён в эксплуатацию» is done, «введут в
 * эксплуатацию» is a plan. A cue right after «не» («так и не запущен», «не планируется») is not
 * read as its status. «Может быть перенесён», «под угрозой» are a risk, not a delay.
 *
 * Decisions: «заморожен», «приостановлен» are delayed (the work stopped and its date cannot hold,
 * but nobody gave it up); «отказались от», «отменён», «свёрнут» are cancelled.
 */

export interface StatusCue {
  status: Status;
  start: number;
  end: number;
  /** The cue as written, for the reason shown to the planner. */
  text: string;
  /** How telling the cue is, 0..1. */
  strength: number;
  /** A completed event in the past tense («подписали», «провёл совещание»), which dates it. */
  event: boolean;
  /** A reporting verb: it dates an event of a known milestone but proposes nothing by itself. */
  weak: boolean;
  /**
   * A deed that is its own milestone («провёл совещание»): it completes a milestone only when that
   * milestone is the meeting (its title names it), never the plant the meeting was about.
   */
  own?: boolean;
  /**
   * A participle («создаваемого центра», «строящийся завод»): it speaks of the noun it qualifies,
   * so it counts only where that noun names a milestone (match.ts, namedTarget).
   */
  attributive?: boolean;
}

interface Rule {
  status: Status;
  pattern: RegExp;
  strength: number;
  event?: boolean;
  weak?: boolean;
  own?: boolean;
  attributive?: boolean;
}

const L = '(?<![\\p{L}])';
const E = '(?![\\p{L}])';
const rule = (status: Status, source: string, strength: number, event = false): Rule => ({
  status,
  pattern: new RegExp(`${L}(?:${source})${E}`, 'giu'),
  strength,
  event,
});

const WORKS =
  '(?:строительств\\p{L}*|работ\\p{L}*|монтаж\\p{L}*|реализаци\\p{L}*|возведени\\p{L}*|проектировани\\p{L}*|добыч\\p{L}*|переработк\\p{L}*|производств\\p{L}*|выпуск\\p{L}*|испытани\\p{L}*|изыскани\\p{L}*)';
const AGREEMENT =
  '(?:соглашени\\p{L}*|дорожн\\p{L}*\\s+карт\\p{L}*|меморандум\\p{L}*|контракт\\p{L}*|договор\\p{L}*|инвестиционн\\p{L}*\\s+соглашени\\p{L}*)';

const RULES: Rule[] = [
  // planned said with a participle: first, so «будет запущен» is not read as «запущен»
  rule(
    'planned',
    '(?:будет|будут|должен|должна|должно|должны|может|могут)\\s+(?:быть\\s+)?(?:построен\\p{L}*|создан\\p{L}*|запущен\\p{L}*|введ[её]н\\p{L}*|введены|открыт\\p{L}*|завершен\\p{L}*|заверш[её]н\\p{L}*|готов\\p{L}*|подписан\\p{L}*|утвержд[её]н\\p{L}*|начат\\p{L}*)',
    0.75,
  ),
  // at risk: said as a possibility, checked before the plain delay
  rule(
    'at_risk',
    '(?:может|могут|могла|могли|рискует|рискуют)\\s+(?:быть\\s+)?(?:перенес\\p{L}*|отложен\\p{L}*|сорван\\p{L}*|сдвинут\\p{L}*|заморожен\\p{L}*|приостановлен\\p{L}*|отложить|сдвинуться)',
    0.8,
  ),
  rule(
    'at_risk',
    'под\\s+угрозой|под\\s+вопросом|риск\\p{L}*\\s+срыва|угроз\\p{L}*\\s+срыва|не\\s+исключ\\p{L}*\\s+перенос\\p{L}*|возможен\\s+перенос|отста[её]т\\s+от\\s+графика|отставани\\p{L}*\\s+от\\s+графика',
    0.8,
  ),
  // delayed
  rule(
    'delayed',
    'перенес[её]н\\p{L}*|перенесли|перенесут|перенесено|перенесена|перенос\\p{L}*\\s+(?:срок\\p{L}*|запуск\\p{L}*|ввода)|сдвинул\\p{L}*|сдвинут\\p{L}*\\s+срок\\p{L}*|сроки\\s+сдвину\\p{L}*|отложен\\p{L}*|отложили|откладыва\\p{L}*|задержива\\p{L}*|задержк\\p{L}*|заморожен\\p{L}*|заморозили|заморозка|приостановлен\\p{L}*|приостановили',
    0.85,
  ),
  // cancelled
  rule(
    'cancelled',
    'отказал\\p{L}*\\s+от|отказ\\s+от|отменен\\p{L}*|отменён\\p{L}*|отменили|св[её]рнут\\p{L}*|свернули|прекращен\\p{L}*|прекратили|аннулирован\\p{L}*|закрыт\\p{L}*\\s+проект|проект\\p{L}*\\s+закрыт\\p{L}*',
    0.85,
  ),
  // done
  rule('done', '(?:введ[её]н\\p{L}*|ввели|сдан\\p{L}*)\\s+в\\s+(?:эксплуатацию|строй)', 0.95, true),
  rule(
    'done',
    'запущен[аоы]?|запустил[аио]?|заработал[аои]?|открыт[аоы]?|открыли|начал[аои]?\\s+работ\\p{L}*|вышл[аои]\\s+на\\s+проектную\\s+мощность|завершен[аоы]?\\s+' +
      WORKS +
      '|завершили\\s+' +
      WORKS +
      '|заверш[её]н[аоы]?',
    0.8,
    true,
  ),
  rule(
    'done',
    '(?:подписал[аи]?|подписан[аоы]?|подписано|заключил[аи]?|заключен[аоы]?|заключено|утвердил[аи]?|утвержд[её]н[аоы]?)\\s+(?:[\\p{L}-]+\\s+){0,3}?' +
      AGREEMENT,
    0.9,
    true,
  ),
  rule(
    'done',
    `${AGREEMENT}\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:подписан[аоы]?|подписано|заключен[аоы]?|утвержд[её]н[аоы]?)`,
    0.9,
    true,
  ),
  {
    ...rule(
      'done',
      '(?:провел[аи]?|провёл|проведен[аоы]?|состоял\\p{L}*|прош[её]л|прошл[аио])\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:совещани\\p{L}*|встреч\\p{L}*|заседани\\p{L}*|форум\\p{L}*|презентаци\\p{L}*|церемони\\p{L}*)',
      0.7,
      true,
    ),
    own: true,
  },
  rule(
    'done',
    '(?:дал[аи]?\\s+поручени\\p{L}*|поручил[аи]?|согласовал[аио]?\\s+назначени\\p{L}*|назначен[аоы]?|получил[аои]?\\s+(?:разрешени\\p{L}*|лицензи\\p{L}*|заключени\\p{L}*\\s+госэкспертиз\\p{L}*)|одобрил[аи]?|одобрен[аоы]?)',
    0.7,
    true,
  ),
  // in progress
  rule(
    'in_progress',
    '(?:начат[аоы]?|начал[аио]сь|начался|стартовал[аио]?|приступил[аи]?\\s+к|ид[её]т|ид[уy]т|вед[её]тся|ведутся|продолжа\\p{L}*|развернул[аи]?|разв[её]рнут[аоы]?)\\s+(?:[\\p{L}-]+\\s+){0,2}?' +
      WORKS,
    0.85,
  ),
  rule(
    'in_progress',
    WORKS +
      '\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:начат[аоы]?|начал[аио]сь|начался|стартовал[аио]?|ид[её]т|вед[её]тся|ведутся|продолжа\\p{L}*)',
    0.85,
  ),
  rule(
    'in_progress',
    'строится|строятся|реализуется|реализуются|реализуем\\p{L}*\\s+проект\\p{L}*|созда[её]тся|создаются|формируется|формируются|в\\s+стадии\\s+(?:строительства|реализации)|заложил[аи]?\\s+(?:первый\\s+)?камень|складывается|приступил[аи]?\\s+к\\s+работе',
    0.75,
  ),
  // «создаваемый … кластер»: a participle says the noun it qualifies is being made, whatever the sentence is about
  { ...rule('in_progress', 'создаваем\\p{L}*|формируем\\p{L}*|строящ\\p{L}*', 0.75), attributive: true },
  // planned: a plan said as such, or a future deed
  rule(
    'planned',
    'планиру\\p{L}*|запланирован\\p{L}*|намечен\\p{L}*|намечено|намерен\\p{L}*|предполага\\p{L}*|собира\\p{L}*ся|ожида\\p{L}*ся|предусматрива\\p{L}*|предусмотрен\\p{L}*|будет\\s+(?:построен\\p{L}*|создан\\p{L}*|запущен\\p{L}*|введ[её]н\\p{L}*|открыт\\p{L}*|завершен\\p{L}*|заверш[её]н\\p{L}*|готов\\p{L}*)|будут\\s+(?:построен\\p{L}*|созданы|запущены|введены|открыты)',
    0.7,
  ),
  rule(
    'planned',
    'откро\\p{L}*ся|построят|запустят|введут|откроют|создадут|начн[её]тся|начнут|заработает|заработают|появится|появятся|стартует|завершат|завершится|выпустят|развернут|возведут|локализуют|наладят|организуют',
    0.65,
  ),
  // a statement reported with its day («заявил 19 декабря»): an event only when its sentence is about a known milestone
  {
    ...rule(
      'done',
      'заявил[аи]?|сообщил[аи]?|сказал[аи]?|отметил[аи]?|подчеркнул[аи]?|объявил[аи]?|анонсировал[аи]?',
      0.5,
      true,
    ),
    weak: true,
  },
];

const NEGATION = /(?:^|[^\p{L}])(?:не|ни|так\s+и\s+не|пока\s+не|еще\s+не|ещё\s+не)\s+$/iu;

/** The status cues of the sentence text[from, to), in text order, none overlapping. */
export function findStatusCues(text: string, from: number, to: number): StatusCue[] {
  const sentence = text.slice(from, to);
  const cues: StatusCue[] = [];
  for (const r of RULES) {
    r.pattern.lastIndex = 0;
    for (const m of sentence.matchAll(r.pattern)) {
      const start = from + (m.index ?? 0);
      const end = start + m[0].length;
      if (cues.some((c) => start < c.end && c.start < end)) continue;
      if (NEGATION.test(text.slice(Math.max(from, start - 12), start))) continue;
      // «Строительство пока не начато»: the negation sits inside the cue's span.
      if (/(?:^|\s)(?:не|ни)\s/iu.test(m[0])) continue;
      cues.push({
        status: r.status,
        start,
        end,
        text: m[0],
        strength: r.strength,
        event: r.event ?? false,
        weak: r.weak ?? false,
        ...(r.own ? { own: true } : {}),
        ...(r.attributive ? { attributive: true } : {}),
      });
    }
  }
  return cues.sort((a, b) => a.start - b.start);
}
