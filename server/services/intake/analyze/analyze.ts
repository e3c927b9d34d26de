import type { Qualifier } from '../../../../shared/claim-enums';
import type { IntakeProposal, IntakeWhy } from '../../../../shared/intake';
import type { ParticipantRole } from '../../../../shared/participant';
import type { Precision } from '../../../../shared/precision';
import type { Status } from '../../../../shared/status';
import { type ArticleMeta, readSource, type SourceMeta } from './dateline';
import { type DateMention, findDates } from './dates';
import { buildMilestoneIndex, type MilestoneMatch, matchMilestone, namedIn, namedTarget, titleWordsIn } from './match';
import { titleFromSentence } from './new-title';
import { buildLexicon, findOrganisations } from './organisations';
import type { Period } from './periods';
import { findRoleCues, regionHostRole, roleFor } from './roles';
import { splitSentences } from './sentences';
import { findStatusCues, type StatusCue } from './statuses';
import { findWords, isContentWord } from './words';

/**
 * The news intake's analyser (DESIGN.md, Intake; issue 11): reads one Russian article, offline,
 * and proposes the source's metadata and the sourced changes it states — dates, statuses,
 * participants with their roles, new milestones — each with its verbatim quote and offsets.
 * Pure: no database, no network; the router gives it the roadmap as a RoadmapContext.
 *
 * How a sentence is read:
 * 1. its dates (dates.ts), status cues (statuses.ts), organisations (organisations.ts) and role
 *    cues (roles.ts);
 * 2. the milestone it is about (match.ts), or the previous sentence's when this one only goes on
 *    about it («Его запуск перенесён на 2031 год»);
 * 3. a date is a plan when it is not over at publication and not a figure's period, a document's
 *    name or the old date of a move; a date already over is an event, which only dates a status;
 * 4. about a known milestone: each planned date, and the status when it differs from the
 *    milestone's; about none: a new milestone when the sentence plans or reports something;
 * 5. an organisation with a role in the sentence, or a new one named where something is planned.
 */

export type { ArticleMeta } from './dateline';

export interface RoadmapContext {
  today: string; // YYYY-MM-DD
  milestones: {
    id: number;
    title: string;
    titleEn: string | null;
    description: string;
    workstream: string | null;
    participantNames: string[];
    planned: { start: string; end: string; precision: Precision } | null;
    status: Status;
  }[];
  participants: { id: number; nameRu: string; nameEn: string | null; aliases?: string[] }[];
}

export type Proposal = IntakeProposal;

export interface Analysis {
  source: Omit<SourceMeta, 'bodyStart'>;
  proposals: Proposal[];
}

/** Status cues that win over others in one sentence: a move or a refusal says more than a plan. */
const STATUS_ORDER: Status[] = ['cancelled', 'delayed', 'at_risk', 'in_progress', 'done', 'planned'];
/** Sentences that only go on about the previous one's milestone. */
const ANAPHORA =
  /^[\s«"—–-]*(?:его|её|ее|их|он|она|оно|они|это|этот|эта|эти|там|здесь|запуск|ввод|пуск|срок|сроки|начало|завершение|окончание|открытие|также|кроме\s+того|при\s+этом|однако|теперь|первая\s+очередь|вторая\s+очередь)(?![\p{L}])/iu;
/** Things a new milestone is made of: a plan without one of these is too vague to propose. */
const OBJECT =
  /(?<![\p{L}])(?:завод\p{L}*|комбинат\p{L}*|производств\p{L}*|центр\p{L}*|кластер\p{L}*|площадк\p{L}*|лини[ияюей]\p{L}*|фабрик\p{L}*|технопарк\p{L}*|лаборатори\p{L}*|хранилищ\p{L}*|предприяти\p{L}*|мощност\p{L}*|цех\p{L}*|полигон\p{L}*|электростанци\p{L}*|ГОК|месторождени\p{L}*|переработк\p{L}*|добыч\p{L}*|выпуск\p{L}*|соглашени\p{L}*|дорожн\p{L}*\s+карт\p{L}*|групп\p{L}*|программ\p{L}*|институт\p{L}*|инфраструктур\p{L}*|технологи\p{L}*|установк\p{L}*|строительств\p{L}*)/iu;
/** A plan without a date is a new milestone only when it creates something: «планируется создать кластер». */
const CREATE =
  /^\s*(?:[\p{L}-]+\s+){0,2}?(?:запустить|создать|построить|открыть|организовать|ввести|начать|разместить|развернуть|наладить|возвести|сформировать)(?![\p{L}])/u;
/** «В каком регионе … не уточнялось»: a plan the text itself says is not settled proposes nothing new. */
const UNSETTLED = /(?:не\s+уточнял|не\s+уточня|не\s+сообща|неизвестно|не\s+раскрыва|^\s*(?:в\s+каком|где|когда)\s)/iu;
/** Words of a project being made: a sentence with one of them and a thing made (OBJECT: «Создание кластера», not «создание рабочих мест») can place the project in regions. */
const CREATION = /(?<![\p{L}])(?:создани\p{L}*|строительств\p{L}*|реализаци\p{L}*|размещени\p{L}*|объедин\p{L}*)/iu;
/** A past event older than this (in days before publication) is background, not news: it proposes no new milestone. */
const BACKGROUND_DAYS = 366;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** A language-neutral label of a period, for the reason's parameters (the client formats it). */
function periodLabel(p: { start: string; precision: Precision }): string {
  const y = p.start.slice(0, 4);
  const m = Number(p.start.slice(5, 7));
  switch (p.precision) {
    case 'year':
      return y;
    case 'half':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'month':
      return p.start.slice(0, 7);
    default:
      return p.start;
  }
}

function samePeriod(a: Period | null, b: Period): boolean {
  return !!a && a.start === b.start && a.end === b.end && a.precision === b.precision;
}

function round(score: number): number {
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}

interface Reading {
  plans: DateMention[];
  events: DateMention[];
}

/** Splits a sentence's dates into plans and events, as of `asOf` (the publication date, or today). */
function readDates(dates: DateMention[], cues: StatusCue[], asOf: string): Reading {
  const plans: DateMention[] = [];
  const events: DateMention[] = [];
  const reportsEvent = cues.some((c) => c.event && !c.weak) && !cues.some((c) => c.status === 'planned');
  for (const d of dates) {
    if (d.nonPlan === 'now') {
      events.push(d);
      continue;
    }
    if (d.nonPlan) continue;
    const over = d.period.precision === 'day' ? d.period.start <= asOf : d.period.end < asOf;
    const current = d.period.start <= asOf && asOf <= d.period.end;
    // «В 2026 году компания запустила линию», published in 2026: this year's event, not a plan.
    if (over || (current && reportsEvent)) events.push(d);
    else plans.push(d);
  }
  return { plans, events };
}

/** True when `at` lies inside quotation marks of the sentence text[from, at): direct speech. */
function insideQuote(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  const guillemets = (before.match(/«/gu) ?? []).length - (before.match(/»/gu) ?? []).length;
  const straight = (before.match(/["“”„]/gu) ?? []).length;
  return guillemets > 0 || straight % 2 === 1;
}

function chooseStatus(
  text: string,
  from: number,
  cues: StatusCue[],
  eventDay: string | null,
  statement: boolean,
): StatusCue | null {
  // In «"…реализуемый проект…", — сказал Мантуров в четверг» the news is that he said it that day:
  // cues inside direct speech are the speaker's words, the reporting verb outside dates the event —
  // when the milestone is the statement (`statement`: the words outside the speech are in its title,
  // «Денис Мантуров: …»). «"Завод строится по графику", — сказал министр в четверг» dates no
  // completion of the plant: there the speech is the news.
  const reported = cues.find((c) => c.weak && !insideQuote(text, from, c.start));
  const spoken = cues.filter((c) => !c.weak && insideQuote(text, from, c.start));
  if (statement && eventDay && reported && spoken.length && spoken.length === cues.filter((c) => !c.weak).length)
    return reported;
  const strong = cues.filter((c) => !c.weak);
  // A completion with its day («подписали в четверг») is the news, whatever else the sentence says.
  if (eventDay) {
    const done = strong.find((c) => c.status === 'done');
    if (done) return done;
  }
  for (const status of STATUS_ORDER) {
    const cue = strong.find((c) => c.status === status);
    if (cue) return cue;
  }
  return null;
}

export function analyzeArticle(text: string, meta: ArticleMeta, roadmap: RoadmapContext): Analysis {
  const source = readSource(text, meta, roadmap.today);
  const asOf = source.publishedOn ?? roadmap.today;
  const index = buildMilestoneIndex(roadmap.milestones);
  const lexicon = buildLexicon(roadmap.participants);
  const milestones = new Map(roadmap.milestones.map((m) => [m.id, m]));
  const proposals: Proposal[] = [];
  let nextId = 1;
  const push = (p: Omit<Proposal, 'id' | 'quote'>): Proposal => {
    const proposal = { id: `p${nextId++}`, quote: text.slice(p.quoteStart, p.quoteEnd), ...p } as Proposal;
    proposals.push(proposal);
    return proposal;
  };

  // What the sentence before said, for the one after it that only goes on about it.
  const previous: { match: MilestoneMatch | null; paragraph: number } = { match: null, paragraph: -1 };
  let yearHint: { year: number; paragraph: number } | null = null;

  for (const sentence of splitSentences(text)) {
    const { end, paragraph } = sentence;
    // «Москва. 17 марта. INTERFAX.RU - Завод …»: the sentence starts after the agency's mark.
    const start =
      source.bodyStart !== null && sentence.start < source.bodyStart && source.bodyStart < end
        ? source.bodyStart
        : sentence.start;
    const words = findWords(text, start, end);
    if (words.length < 3) continue;
    const dates = findDates(text, start, end, {
      publishedOn: source.publishedOn,
      today: roadmap.today,
      yearHint: yearHint && yearHint.paragraph === paragraph ? yearHint.year : null,
    });
    const allCues = findStatusCues(text, start, end);
    const orgs = findOrganisations(text, start, end, lexicon);
    const roleCues = findRoleCues(text, start, end);
    const sentenceText = text.slice(start, end);

    const focus = allCues.flatMap((c) =>
      findWords(c.text)
        .filter(isContentWord)
        .map((w) => w.stem),
    );
    // A region's name places the sentence, it does not say what it is about: «Иркутской области»
    // is no word of «кластер в области аддитивных технологий», «Красноярского края» none of «в Красноярске».
    const places = orgs.filter((o) => o.region || o.governs);
    const topical = places.length
      ? words.filter((w) => !places.some((o) => o.start <= w.start && w.end <= o.end))
      : words;
    let match = matchMilestone(index, topical, focus, namedIn(index, text, start, end));
    // A cue whose own clause names another milestone's object speaks of that one (match.ts, namedTarget).
    const aside: { cue: StatusCue; id: number }[] = [];
    const unattached = new Set<StatusCue>();
    for (const c of allCues) {
      if (c.weak || c.status === 'planned') continue;
      const id = namedTarget(index, text, start, end, c);
      // «частью создаваемого центра»: a participle whose noun names no milestone says nothing of this one;
      // «строящийся завод малотоннажной химии» names the sentence's own milestone in the words after it.
      if (id === null && c.attributive) {
        const next = words.filter((w) => w.start >= c.end).slice(0, 3);
        if (!match || titleWordsIn(index, match.id, next).length < 2) unattached.add(c);
      }
      if (id === null || id === match?.id) continue;
      if (!match) match = { id, score: 0.6, words: [] };
      else aside.push({ cue: c, id });
    }
    const cues = allCues.filter((c) => !unattached.has(c) && !aside.some((a) => a.cue === c));
    let carried = false;
    const before = previous.match;
    if (!match && before && previous.paragraph === paragraph && (dates.length || cues.length)) {
      if (ANAPHORA.test(sentenceText) || (!OBJECT.test(sentenceText) && words.length < 20)) {
        match = { ...before, score: before.score * 0.7 };
        carried = true;
      }
    }
    const milestone = match ? milestones.get(match.id) : undefined;
    // «Губернатор провёл совещание по строительству завода» completes the meeting, not the plant.
    if (match) {
      const about = match.id;
      for (let i = cues.length - 1; i >= 0; i--) {
        const c = cues[i] as StatusCue;
        if (c.own && !titleWordsIn(index, about, findWords(c.text)).length) cues.splice(i, 1);
      }
    }
    const { plans, events } = readDates(dates, cues, asOf);
    const eventDay = events.find((d) => d.period.precision === 'day') ?? null;
    const eventDate = eventDay ? (eventDay.nonPlan === 'now' ? asOf : eventDay.period.start) : null;
    const outside = words.filter((w) => !insideQuote(text, start, w.start));
    const statement = !!match && titleWordsIn(index, match.id, outside).length > 0;
    const chosen = chooseStatus(text, start, cues, eventDate, statement);
    const weakEvent = cues.find((c) => c.weak) ?? null;
    const quote = { quoteStart: start, quoteEnd: end };
    let newProposal: Proposal | null = null;
    let finding = false;

    if (milestone && match) {
      for (const d of plans) {
        const planned = { ...d.period, qualifier: d.qualifier as Qualifier };
        const moved = milestone.planned && !samePeriod(milestone.planned, d.period);
        const why: IntakeWhy = samePeriod(milestone.planned, d.period)
          ? 'intake.why.dateSame'
          : moved
            ? 'intake.why.dateMoved'
            : 'intake.why.dateForMilestone';
        push({
          kind: 'date',
          ...quote,
          milestoneId: milestone.id,
          planned,
          score: round(0.4 + 0.55 * match.score - (carried ? 0.1 : 0)),
          why,
          whyParams: {
            milestone: milestone.title,
            date: periodLabel(d.period),
            ...(milestone.planned ? { from: periodLabel(milestone.planned) } : {}),
            words: match.words.join(', '),
          },
        });
        finding = true;
      }
      // A reporting verb dates an event of a milestone the sentence is clearly about («заявил 19 декабря»).
      const status = chosen ?? (weakEvent && eventDate && match.score >= 0.5 && !carried ? weakEvent : null);
      if (
        status &&
        status.status !== milestone.status &&
        !(status.status === 'planned' && plans.length === 0 && !carried)
      ) {
        const actual = status.status === 'done' && status.event && eventDate ? eventDate : undefined;
        push({
          kind: 'status',
          ...quote,
          milestoneId: milestone.id,
          status: status.status,
          ...(actual ? { actualDate: actual } : {}),
          score: round(status.strength * (0.5 + 0.5 * match.score)),
          why: actual ? 'intake.why.eventDone' : 'intake.why.statusCue',
          whyParams: {
            milestone: milestone.title,
            cue: status.text,
            status: status.status,
            ...(actual ? { date: actual } : {}),
          },
        });
        finding = true;
      }
    } else {
      const planCue = cues.find((c) => !c.weak && c.status === 'planned') ?? null;
      const strong = chosen && chosen.strength >= 0.8 && chosen.status !== 'planned' ? chosen : null;
      const firstPlan = plans[0];
      const recentEvent = !eventDate || dayNumber(asOf) - dayNumber(eventDate) <= BACKGROUND_DAYS ? eventDate : null;
      const olderEventOnly = events.length > 0 && !eventDate && !plans.length;
      let status: Status | null = null;
      let cue: StatusCue | null = null;
      if (firstPlan && (planCue || chosen) && OBJECT.test(sentenceText)) {
        cue = chosen ?? planCue;
        status = cue?.status === 'done' ? 'planned' : (cue?.status ?? 'planned');
      } else if (strong && !olderEventOnly && OBJECT.test(sentenceText)) {
        cue = strong;
        status = strong.status;
      } else if (
        !firstPlan &&
        !events.length &&
        planCue &&
        CREATE.test(text.slice(planCue.end, end)) &&
        OBJECT.test(text.slice(planCue.end, end))
      ) {
        cue = planCue;
        status = 'planned';
      }
      if (status && cue && !UNSETTLED.test(sentenceText)) {
        const skip = [...dates.map((d) => ({ start: d.start, end: d.end }))];
        const title = titleFromSentence(text, start, end, cue, skip);
        const actual = status === 'done' && recentEvent ? recentEvent : undefined;
        newProposal = push({
          kind: 'new',
          ...quote,
          milestoneId: null,
          newTitle: title,
          ...(firstPlan ? { planned: { ...firstPlan.period, qualifier: firstPlan.qualifier } } : {}),
          status,
          ...(actual ? { actualDate: actual } : {}),
          score: round(cue.strength * (firstPlan ? 0.85 : 0.7)),
          why: 'intake.why.newMilestone',
          whyParams: { cue: cue.text, title, ...(firstPlan ? { date: periodLabel(firstPlan.period) } : {}) },
        });
        finding = true;
      }
    }

    for (const { cue, id } of aside) {
      const other = milestones.get(id);
      if (!other || other.status === cue.status) continue;
      push({
        kind: 'status',
        ...quote,
        milestoneId: id,
        status: cue.status,
        score: round(cue.strength * 0.75),
        why: 'intake.why.statusCue',
        whyParams: { milestone: other.title, cue: cue.text, status: cue.status },
      });
      finding = true;
    }

    const named = new Set<string>();
    const project = cues.some((c) => !c.weak) || (CREATION.test(sentenceText) && OBJECT.test(sentenceText));
    for (const org of orgs) {
      // One proposal per organisation and sentence: its first mention that the sentence gives a role
      // carries it («пресс-служба губернатора Красноярского края» after «в Красноярском крае» adds nothing).
      const who = org.id === null ? org.name : String(org.id);
      if (named.has(who)) continue;
      // A region named alone is a place: its government takes part only where the project is put there.
      let role = org.region
        ? regionHostRole(text, org, orgs, start, project)
        : roleFor(text, org, roleCues, orgs, start);
      // «СФУ провёл заседание учёного совета»: who holds a meeting leads that meeting, not a milestone of the roadmap.
      if (role?.backward && !(match && titleWordsIn(index, match.id, findWords(role.text)).length)) role = null;
      const known = org.id !== null;
      if (!role && known) continue;
      named.add(who);
      // A known participant needs its role said; a new one is worth naming where something is planned.
      if (!role && (known || !finding)) continue;
      const roleName: ParticipantRole | undefined = role?.role;
      push({
        kind: 'participant',
        ...quote,
        milestoneId: milestone?.id ?? null,
        participant: { id: org.id, name: org.name },
        ...(roleName ? { role: roleName } : {}),
        ...(newProposal ? { forProposal: newProposal.id } : {}),
        score: round((known ? 0.55 : 0.45) + (role ? 0.3 : 0) + (milestone ? 0.1 : 0)),
        why: known
          ? 'intake.why.participantRole'
          : role
            ? 'intake.why.participantNew'
            : 'intake.why.participantMentioned',
        whyParams: { name: org.name, ...(roleName ? { role: roleName, cue: role?.text ?? '' } : {}) },
      });
    }

    if (!carried) previous.match = match;
    previous.paragraph = paragraph;
    const explicit = dates.filter((d) => !d.relative && !d.nonPlan).at(-1);
    if (explicit) yearHint = { year: Number(explicit.period.start.slice(0, 4)), paragraph };
  }

  return {
    source: { title: source.title, publisher: source.publisher, publishedOn: source.publishedOn },
    proposals: dedupe(proposals),
  };
}

/** One proposal per finding: an article repeats itself (headline, lead, body); the surest quote stays. */
function dedupe(proposals: Proposal[]): Proposal[] {
  const best = new Map<string, Proposal>();
  const keyOf = (p: Proposal) =>
    [
      p.kind,
      p.milestoneId ?? '',
      p.kind === 'new' ? (p.newTitle ?? '').toLowerCase() : '',
      p.planned ? `${p.planned.start}/${p.planned.end}/${p.planned.precision}/${p.planned.qualifier}` : '',
      p.status ?? '',
      p.actualDate ?? '',
      p.participant ? (p.participant.id ?? p.participant.name.toLowerCase()) : '',
      p.role ?? '',
      p.forProposal ?? '',
    ].join('|');
  // New milestones first, so that a participant's link to a dropped duplicate follows the one kept.
  const renamed = new Map<string, string>();
  for (const p of proposals.filter((x) => x.kind === 'new')) {
    const key = keyOf(p);
    const kept = best.get(key);
    if (!kept || p.score > kept.score) best.set(key, p);
  }
  for (const p of proposals.filter((x) => x.kind === 'new')) {
    renamed.set(p.id, (best.get(keyOf(p)) as Proposal).id);
  }
  for (const p of proposals.filter((x) => x.kind !== 'new')) {
    if (p.forProposal) p.forProposal = renamed.get(p.forProposal) ?? p.forProposal;
    const key = keyOf(p);
    const kept = best.get(key);
    if (!kept || p.score > kept.score) best.set(key, p);
  }
  const keep = new Set(best.values());
  return proposals.filter((p) => keep.has(p));
}
