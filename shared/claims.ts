import { z } from 'zod';
import { citationInputSchema, reasonSchema } from './changes';
import { type ClaimRank, type ConfidenceLevel, claimRankSchema, type Qualifier, qualifierSchema } from './claim-enums';
import { idSchema } from './milestone';
import {
  calendarDateSchema,
  nextDay,
  type PlannedDate,
  type Precision,
  parseCalendarDate,
  plannedDateSchema,
} from './precision';
import type { SourceKind } from './source';
import { statusSchema } from './status';

/**
 * What the sources say: every date or status a source states for a milestone is a claim. The
 * rules that read claims — conflict, slip, confidence — are here, once, pure and table-tested
 * (tests/unit/claims.test.ts), and explained in docs/decisions/0008-claims-and-confidence.md.
 */

/** A stated date: a whole period of its precision, read with its qualifier. */
export const claimedDateSchema = z
  .object({
    start: calendarDateSchema,
    end: calendarDateSchema,
    precision: z.enum(['day', 'month', 'quarter', 'half', 'year']),
    qualifier: qualifierSchema.default('exact'),
  })
  .superRefine((value, ctx) => {
    const period = plannedDateSchema.safeParse(value);
    if (!period.success) ctx.addIssue({ code: 'custom', message: 'errors.plannedInterval', path: ['end'] });
    // "About 15 April" is a day said loosely, not a wider period: say the month instead.
    if (value.precision === 'day' && value.qualifier === 'approximate') {
      ctx.addIssue({ code: 'custom', message: 'errors.qualifierOnDay', path: ['qualifier'] });
    }
  });
export type ClaimedDate = z.infer<typeof claimedDateSchema>;

export const claimAddSchema = z
  .object({
    milestoneId: idSchema,
    version: z.number().int().positive(),
    reason: reasonSchema,
    citation: citationInputSchema,
    /** When the source said it; defaults to the source's publication date. Needed for an undated source. */
    statedOn: calendarDateSchema.nullable().optional(),
    planned: claimedDateSchema.optional(),
    status: statusSchema.optional(),
  })
  .superRefine((value, ctx) => {
    // Neither is a form sent before its date was given: said as such, not as a rule of claims.
    if (value.planned === undefined && value.status === undefined) {
      ctx.addIssue({ code: 'custom', message: 'errors.claimSaysNothing', path: ['planned'] });
    } else if (value.planned !== undefined && value.status !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'errors.claimDateOrStatus', path: ['planned'] });
    }
  });
export type ClaimAddInput = z.infer<typeof claimAddSchema>;

export const claimSetRankSchema = z.object({
  milestoneId: idSchema,
  version: z.number().int().positive(),
  claimId: idSchema,
  rank: claimRankSchema,
  reason: reasonSchema,
});
export type ClaimSetRankInput = z.infer<typeof claimSetRankSchema>;

// ---------------------------------------------------------------------------------------------
// Intervals: day numbers, with open ends for "no later than" and "no earlier than".

const MONTHS: Record<Exclude<Precision, 'day'>, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** Days since 1970-01-01 of a calendar date, computed on numbers only (no time zone). */
export function dayNumber(date: string): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function addMonths(date: string, months: number): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1 + months, day) / 86_400_000;
}

export interface Span {
  lo: number;
  hi: number;
}

/** The days the stated interval covers, as said (no widening). */
export function statedSpan(d: PlannedDate & { qualifier?: Qualifier }): Span {
  const lo = d.qualifier === 'no_later_than' ? Number.NEGATIVE_INFINITY : dayNumber(d.start);
  const hi = d.qualifier === 'no_earlier_than' ? Number.POSITIVE_INFINITY : dayNumber(d.end);
  return { lo, hi };
}

/**
 * The days a claim allows, read with its qualifier: "about 2030" allows a period either side
 * (2029–2031), "by 2030" anything up to the end of 2030, "not before 2031" anything from 2031.
 */
export function allowedSpan(d: ClaimedDate | (PlannedDate & { qualifier?: Qualifier })): Span {
  const span = statedSpan(d);
  if (d.qualifier !== 'approximate' || d.precision === 'day') return span;
  const months = MONTHS[d.precision];
  // One period before the start; one after the end: the day before the period after next begins.
  return { lo: addMonths(d.start, -months), hi: addMonths(nextDay(d.end), months) - 1 };
}

/** Two date claims conflict when their allowed intervals cannot both hold; a narrower claim inside a wider one is a refinement. */
export function datesConflict(a: ClaimedDate, b: ClaimedDate): boolean {
  const x = allowedSpan(a);
  const y = allowedSpan(b);
  return x.hi < y.lo || y.hi < x.lo;
}

export type DateMoveKind = 'same' | 'refined' | 'precisionLost' | 'slipped' | 'earlier' | 'moved';

export interface DateMove {
  kind: DateMoveKind;
  /** For a slip or a move earlier: the least it moved, in days (the smaller of the two ends' shifts). */
  days: number;
}

/**
 * How a promise moved from `from` to `to`, precision-aware: 2028 → 2029 slipped at least a
 * year; Q3 2027 → 2027 lost precision without slipping; 2028 → H1 2028 is a refinement.
 */
export function compareDates(from: ClaimedDate, to: ClaimedDate): DateMove {
  const a = statedSpan(from);
  const b = statedSpan(to);
  if (a.lo === b.lo && a.hi === b.hi) return { kind: 'same', days: 0 };
  if (b.lo >= a.lo && b.hi <= a.hi) return { kind: 'refined', days: 0 };
  if (a.lo >= b.lo && a.hi <= b.hi) return { kind: 'precisionLost', days: 0 };
  const shifts = [b.lo - a.lo, b.hi - a.hi].filter((s) => Number.isFinite(s));
  if (shifts.length && shifts.every((s) => s > 0)) return { kind: 'slipped', days: Math.min(...shifts) };
  if (shifts.length && shifts.every((s) => s < 0)) return { kind: 'earlier', days: Math.min(...shifts.map(Math.abs)) };
  return { kind: 'moved', days: 0 };
}

/** A slip as a person says it: "at least N years" when it is a year or more, else months, else days. */
export function slipAmount(days: number): { unit: 'years' | 'months' | 'days'; count: number } {
  if (days >= 365) return { unit: 'years', count: Math.floor(days / 365) };
  if (days >= 28) return { unit: 'months', count: Math.max(1, Math.floor(days / 30.4)) };
  return { unit: 'days', count: days };
}

// ---------------------------------------------------------------------------------------------
// Confidence, computed from the evidence and never typed in.

/** What the rules read of one date claim. */
export interface ClaimEvidence {
  id: number;
  rank: ClaimRank;
  planned: ClaimedDate;
  /** When the source said it; null for an undated source with no date given by the planner. */
  statedOn: string | null;
  /** Who said it: the publisher's name, or the source id when the publisher is unknown. */
  publisher: string;
  sourceKind: SourceKind;
  /** Order in which claims became current (the roadmap's own history of its promises); null if never. */
  currentSince: string | null;
}

export interface PromiseStep {
  claimId: number;
  planned: ClaimedDate;
  move: DateMove | null;
}

/** The promises the roadmap made, in the order they were made current, each with how it moved from the one before. */
export function promiseSteps(claims: ClaimEvidence[]): PromiseStep[] {
  const made = claims
    .filter((c) => c.currentSince !== null)
    .sort((a, b) => (a.currentSince as string).localeCompare(b.currentSince as string) || a.id - b.id);
  return made.map((c, i) => ({
    claimId: c.id,
    planned: c.planned,
    move: i === 0 ? null : compareDates((made[i - 1] as ClaimEvidence).planned, c.planned),
  }));
}

/** Pairs of live (not superseded) date claims that cannot both hold. */
export function conflictingPairs(claims: ClaimEvidence[]): [number, number][] {
  const live = claims.filter((c) => c.rank !== 'superseded');
  const pairs: [number, number][] = [];
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i] as ClaimEvidence;
      const b = live[j] as ClaimEvidence;
      if (datesConflict(a.planned, b.planned)) pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

export type ConfidenceReason =
  | { key: 'noDate' }
  | { key: 'noCurrentClaim' }
  | { key: 'reached' }
  | { key: 'backers'; count: number }
  | { key: 'strongestKind'; kind: SourceKind }
  | { key: 'undated' }
  | { key: 'stale'; months: number }
  | { key: 'fresh'; months: number }
  | { key: 'conflict' }
  | { key: 'slipped'; count: number };

export interface Confidence {
  level: ConfidenceLevel;
  reasons: ConfidenceReason[];
}

/** Points the strongest kind of source backing the date is worth. */
const KIND_POINTS: Record<SourceKind, number> = {
  official: 3,
  news_agency: 2,
  other_media: 1,
  opinion: 0,
  unknown: 0,
};
/** Strongest first: an opinion says more about its date than a source of unknown kind, though neither earns a point. */
const KIND_ORDER: SourceKind[] = ['official', 'news_agency', 'other_media', 'opinion', 'unknown'];
/** A statement older than this no longer speaks for the date by itself. */
export const STALE_AFTER_MONTHS = 18;

function monthsBetween(from: string, to: string): number {
  const a = parseCalendarDate(from);
  const b = parseCalendarDate(to);
  return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
}

/**
 * high / medium / low for a milestone's date, with its reasons:
 * - points for the strongest kind of source backing the current date (official 3, news agency 2,
 *   other media 1, opinion or unknown 0), +1 when two or more independent publishers back it;
 * - −1 when the latest backing statement is undated or older than 18 months;
 * - −2 while sources disagree (a conflict not resolved by superseding a claim);
 * - −1 when the date has slipped once or twice, −2 from three slips on.
 * 3 or more points: high; 1–2: medium; 0 or less: low. No dated current claim: low. A reached
 * milestone (done, with its actual date) is high: its date is a fact, not a promise.
 */
export function confidenceOf(claims: ClaimEvidence[], today: string, reached = false): Confidence {
  // A reached milestone's date is what happened, not a promise.
  if (reached) return { level: 'high', reasons: [{ key: 'reached' }] };
  const current = claims.find((c) => c.rank === 'current');
  if (!current) return { level: 'low', reasons: [{ key: claims.length ? 'noCurrentClaim' : 'noDate' }] };
  const reasons: ConfidenceReason[] = [];
  const backing = claims.filter((c) => c.rank !== 'superseded' && !datesConflict(c.planned, current.planned));
  const publishers = new Set(backing.map((c) => c.publisher));
  const strongest = KIND_ORDER.find((kind) => backing.some((c) => c.sourceKind === kind)) ?? 'unknown';
  let points = KIND_POINTS[strongest];
  reasons.push({ key: 'backers', count: publishers.size }, { key: 'strongestKind', kind: strongest });
  if (publishers.size >= 2) points += 1;

  const dated = backing.map((c) => c.statedOn).filter((d): d is string => d !== null);
  const latest = dated.sort().at(-1);
  if (!latest) {
    points -= 1;
    reasons.push({ key: 'undated' });
  } else {
    const months = Math.max(0, monthsBetween(latest, today));
    if (months > STALE_AFTER_MONTHS) {
      points -= 1;
      reasons.push({ key: 'stale', months });
    } else {
      reasons.push({ key: 'fresh', months });
    }
  }
  if (conflictingPairs(claims).length) {
    points -= 2;
    reasons.push({ key: 'conflict' });
  }
  const slips = promiseSteps(claims).filter((s) => s.move?.kind === 'slipped').length;
  if (slips) {
    points -= slips >= 3 ? 2 : 1;
    reasons.push({ key: 'slipped', count: slips });
  }
  const level: ConfidenceLevel = points >= 3 ? 'high' : points >= 1 ? 'medium' : 'low';
  return { level, reasons };
}
