import type { TFunction } from 'i18next';
import { formatDay, formatPlannedDate, type Language } from '../../../shared/date-label';
import type { IntakeProposal } from '../../../shared/intake';
import type { RouterOutputs } from '../../lib/trpc';

export type MilestoneItem = RouterOutputs['milestone']['list'][number];

/** What the review names things from: the roadmap as it is now, in the screen's language. */
export interface ReviewNames {
  language: Language;
  milestones: readonly MilestoneItem[];
  milestoneById: ReadonlyMap<number, MilestoneItem>;
  milestoneTitle: (id: number) => string;
  workstreams: readonly { id: number; label: string }[];
  participants: readonly { id: number; label: string }[];
  /** The titles of the proposed new milestones, by proposal id, as the planner has them now. */
  newTitles: ReadonlyMap<string, string>;
}

/** "2030, запланировано": a milestone's date and status as the table shows them. */
export function milestoneNow(m: MilestoneItem, language: Language, t: TFunction): { date: string; status: string } {
  return {
    date:
      m.plannedStart && m.plannedPrecision
        ? formatPlannedDate(m.plannedStart, m.plannedPrecision, language)
        : t('dates.undated'),
    status: t(`status.${m.status}`),
  };
}

/**
 * The analyser's reason in words: its key with its parameters, the raw values among them (a role,
 * a status, an ISO date, a Russian title) put as the screen names them.
 */
export function whyText(p: IntakeProposal, names: ReviewNames, t: TFunction): string {
  const params: Record<string, string | number> = { ...p.whyParams };
  if (typeof params.role === 'string') params.role = t(`role.${params.role}`);
  if (typeof params.status === 'string') params.status = t(`status.${params.status}`);
  if (p.planned && 'date' in params)
    params.date = formatPlannedDate(p.planned.start, p.planned.precision, names.language);
  else if (typeof params.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.date)) {
    params.date = formatDay(params.date, names.language);
  }
  if (p.milestoneId !== null && 'milestone' in params && names.milestoneById.has(p.milestoneId)) {
    params.milestone = names.milestoneTitle(p.milestoneId);
  }
  return t(p.why, params);
}
