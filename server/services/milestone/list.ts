import { and, asc, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { ConfidenceLevel } from '../../../shared/claim-enums';
import { confidenceInWords } from '../../../shared/claim-text';
import type { Language } from '../../../shared/date-label';
import type { MilestoneFilter } from '../../../shared/milestone';
import type { Db } from '../../db/client';
import { byCodePoint } from '../../db/dialect';
import { milestoneParticipants, milestones } from '../../db/schema';
import { containsText } from '../../db/text-search';
import { assess, byMilestone, claimSpread, claimsOfMilestones, today } from '../claim/read';

/** The date the timeline places an item at: reached items at their actual day, others at their plan. */
const effectiveStart = sql<string | null>`coalesce(${milestones.actualDate}, ${milestones.plannedStart})`;
const effectiveEnd = sql<string | null>`coalesce(${milestones.actualDate}, ${milestones.plannedEnd})`;

/** The filter of the timeline, the table and the CSV export: one condition, so all three list the same rows. */
export function milestoneFilterCondition(filter: MilestoneFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.ids?.length) conditions.push(inArray(milestones.id, filter.ids));
  if (filter.status?.length) conditions.push(inArray(milestones.status, filter.status));
  if (filter.workstream?.length) conditions.push(inArray(milestones.workstreamId, filter.workstream));
  if (filter.region?.length) conditions.push(inArray(milestones.regionId, filter.region));
  if (filter.participant?.length) {
    const ids = filter.participant;
    // A correlated sub-select per row is cheap here: the index on (participant_id) makes it a seek.
    conditions.push(
      sql`exists (select 1 from ${milestoneParticipants} where ${milestoneParticipants.milestoneId} = ${milestones.id} and ${milestoneParticipants.removedAt} is null and ${inArray(milestoneParticipants.participantId, ids)})`,
    );
  }
  if (filter.q) conditions.push(containsText(milestones.searchText, filter.q));
  // A date range keeps what overlaps it; undated milestones cannot overlap anything.
  if (filter.from) conditions.push(gte(effectiveEnd, filter.from));
  if (filter.to) conditions.push(lte(effectiveStart, filter.to));
  return and(...conditions);
}

export const listColumns = {
  id: milestones.id,
  title: milestones.titleRu,
  titleEn: milestones.titleEn,
  status: milestones.status,
  workstreamId: milestones.workstreamId,
  regionId: milestones.regionId,
  site: milestones.site,
  plannedStart: milestones.plannedStart,
  plannedEnd: milestones.plannedEnd,
  plannedPrecision: milestones.plannedPrecision,
  actualDate: milestones.actualDate,
  baselineStart: milestones.baselineStart,
  baselineEnd: milestones.baselineEnd,
  baselinePrecision: milestones.baselinePrecision,
  version: milestones.version,
};

/** Later than first announced: the plan's end moved past the baseline's end. */
export function slipped(m: { plannedEnd: string | null; baselineEnd: string | null }): boolean {
  return Boolean(m.plannedEnd && m.baselineEnd && m.plannedEnd > m.baselineEnd);
}

/** Dated first, by the date the timeline places them at, then by title: the order of lists and exports. */
export const milestoneListOrder = [
  sql`${effectiveStart} is null`,
  asc(effectiveStart),
  asc(byCodePoint(milestones.titleRu)),
  asc(milestones.id),
] as const;

export async function listMilestones(db: Db, filter: MilestoneFilter, language: Language = 'ru') {
  const where = milestoneFilterCondition(filter);
  const selected = db.select({ id: milestones.id }).from(milestones).where(where);
  const rows = await db
    .select(listColumns)
    .from(milestones)
    .where(where)
    .orderBy(...milestoneListOrder);

  const roles = await db
    .select({
      milestoneId: milestoneParticipants.milestoneId,
      participantId: milestoneParticipants.participantId,
      role: milestoneParticipants.role,
    })
    .from(milestoneParticipants)
    .where(and(isNull(milestoneParticipants.removedAt), inArray(milestoneParticipants.milestoneId, selected)))
    .orderBy(asc(milestoneParticipants.id));

  const rolesByMilestone = new Map<number, { participantId: number; role: (typeof roles)[number]['role'] }[]>();
  for (const { milestoneId, ...role } of roles) {
    const list = rolesByMilestone.get(milestoneId);
    if (list) list.push(role);
    else rolesByMilestone.set(milestoneId, [role]);
  }
  // Date claims of the same milestones in one more query, for the conflict flag and the confidence.
  const claimsByMilestone = byMilestone(await claimsOfMilestones(db, selected, 'date'));
  const on = today();
  return rows
    .map((row) => {
      const claimed = claimsByMilestone.get(row.id) ?? [];
      const { conflict, confidence } = assess(claimed, row, on);
      return {
        ...row,
        slipped: slipped(row),
        participants: rolesByMilestone.get(row.id) ?? [],
        conflict,
        claimSpread: claimSpread(claimed),
        confidence: confidenceInWords(confidence, language),
      };
    })
    .filter((m) => matchesEvidence(filter, m));
}

/** The filters on what the claims say, which the database does not hold as columns. */
export function matchesEvidence(
  filter: Pick<MilestoneFilter, 'disagree' | 'confidence'>,
  m: { conflict: boolean; confidence: { level: ConfidenceLevel } },
): boolean {
  if (filter.disagree && !m.conflict) return false;
  if (filter.confidence?.length && !filter.confidence.includes(m.confidence.level)) return false;
  return true;
}
