import { and, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { MilestoneFilter } from '../../shared/milestone';
import type { PlannedDate } from '../../shared/precision';
import type { Db } from '../db/client';
import { history } from '../db/schema/history';
import { citations, dependencies, milestoneParticipants, milestones } from '../db/schema/milestone';
import { participants, regions, sources, workstreams } from '../db/schema/reference';
import { users } from '../db/schema/user';
import { containsText } from '../db/text-search';
import { AppError } from '../errors';

/** The date the timeline places an item at: reached items at their actual day, others at their plan. */
const effectiveStart = sql<string | null>`coalesce(${milestones.actualDate}, ${milestones.plannedStart})`;
const effectiveEnd = sql<string | null>`coalesce(${milestones.actualDate}, ${milestones.plannedEnd})`;

/** The filter of the timeline, the table and the CSV export: one condition, so all three list the same rows. */
export function milestoneFilterCondition(filter: MilestoneFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
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

const listColumns = {
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
function slipped(m: { plannedEnd: string | null; baselineEnd: string | null }): boolean {
  return Boolean(m.plannedEnd && m.baselineEnd && m.plannedEnd > m.baselineEnd);
}

/** Dated first, by the date the timeline places them at, then by title: the order of lists and exports. */
export const milestoneListOrder = [
  sql`${effectiveStart} is null`,
  asc(effectiveStart),
  asc(milestones.titleRu),
  asc(milestones.id),
] as const;

export function listMilestones(db: Db, filter: MilestoneFilter) {
  const where = milestoneFilterCondition(filter);
  const rows = db
    .select(listColumns)
    .from(milestones)
    .where(where)
    .orderBy(...milestoneListOrder)
    .all();

  const roles = db
    .select({
      milestoneId: milestoneParticipants.milestoneId,
      participantId: milestoneParticipants.participantId,
      role: milestoneParticipants.role,
    })
    .from(milestoneParticipants)
    .where(
      and(
        isNull(milestoneParticipants.removedAt),
        inArray(milestoneParticipants.milestoneId, db.select({ id: milestones.id }).from(milestones).where(where)),
      ),
    )
    .orderBy(asc(milestoneParticipants.id))
    .all();

  const rolesByMilestone = new Map<number, { participantId: number; role: (typeof roles)[number]['role'] }[]>();
  for (const { milestoneId, ...role } of roles) {
    const list = rolesByMilestone.get(milestoneId);
    if (list) list.push(role);
    else rolesByMilestone.set(milestoneId, [role]);
  }
  return rows.map((row) => ({ ...row, slipped: slipped(row), participants: rolesByMilestone.get(row.id) ?? [] }));
}

const sourceColumns = {
  id: sources.id,
  publisher: sources.publisher,
  title: sources.title,
  publishedOn: sources.publishedOn,
  note: sources.note,
  url: sources.url,
};

interface TrailSource {
  at: string;
  action: string;
  field: string | null;
  toValue: string | null;
  citation: { publisher: string | null; title: string | null; publishedOn: string | null } | null;
}

/**
 * How the planned date moved, oldest first: the date it was created with, then every change,
 * each with the source that backed it ("2028 (source, date) → 2029 (source, date)").
 */
function dateTrailOf(rows: TrailSource[]) {
  return [...rows]
    .reverse()
    .filter((h) => (h.action === 'create' && h.field === null) || h.field === 'planned')
    .map((h) => {
      const value = h.toValue ? (JSON.parse(h.toValue) as unknown) : null;
      const planned = (h.field === 'planned' ? value : (value as { planned?: unknown } | null)?.planned) ?? null;
      return { at: h.at, planned: planned as PlannedDate | null, source: h.citation?.title ? h.citation : null };
    })
    .filter((step, i, all) => i === 0 || JSON.stringify(step.planned) !== JSON.stringify(all[i - 1]?.planned));
}

export function getMilestone(db: Db, id: number) {
  const milestone = db
    .select({
      ...listColumns,
      description: milestones.description,
      expectedResult: milestones.expectedResult,
      createdAt: milestones.createdAt,
      updatedAt: milestones.updatedAt,
      workstream: { id: workstreams.id, nameRu: workstreams.nameRu, nameEn: workstreams.nameEn },
      region: { id: regions.id, nameRu: regions.nameRu, nameEn: regions.nameEn },
    })
    .from(milestones)
    .leftJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .leftJoin(regions, eq(regions.id, milestones.regionId))
    .where(eq(milestones.id, id))
    .get();
  if (!milestone) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id });

  const citationRows = db
    .select({
      id: citations.id,
      claim: citations.claim,
      quote: citations.quote,
      milestoneParticipantId: citations.milestoneParticipantId,
      source: sourceColumns,
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .leftJoin(milestoneParticipants, eq(milestoneParticipants.id, citations.milestoneParticipantId))
    .where(or(eq(citations.milestoneId, id), eq(milestoneParticipants.milestoneId, id)))
    .orderBy(asc(citations.id))
    .all();

  const participantRows = db
    .select({
      id: milestoneParticipants.id,
      participantId: participants.id,
      nameRu: participants.nameRu,
      nameEn: participants.nameEn,
      kind: participants.kind,
      role: milestoneParticipants.role,
    })
    .from(milestoneParticipants)
    .innerJoin(participants, eq(participants.id, milestoneParticipants.participantId))
    .where(and(eq(milestoneParticipants.milestoneId, id), isNull(milestoneParticipants.removedAt)))
    .orderBy(asc(milestoneParticipants.id))
    .all();

  const other = alias(milestones, 'other');
  const dependencyColumns = { id: other.id, title: other.titleRu, titleEn: other.titleEn, status: other.status };
  const predecessors = db
    .select(dependencyColumns)
    .from(dependencies)
    .innerJoin(other, eq(other.id, dependencies.predecessorId))
    .where(eq(dependencies.successorId, id))
    .orderBy(asc(other.id))
    .all();
  const successors = db
    .select(dependencyColumns)
    .from(dependencies)
    .innerJoin(other, eq(other.id, dependencies.successorId))
    .where(eq(dependencies.predecessorId, id))
    .orderBy(asc(other.id))
    .all();

  const historyRows = db
    .select({
      id: history.id,
      at: history.at,
      action: history.action,
      entity: history.entity,
      field: history.field,
      fromValue: history.fromValue,
      toValue: history.toValue,
      reason: history.reason,
      userName: users.displayName,
      citation: {
        id: citations.id,
        quote: citations.quote,
        sourceId: sources.id,
        publisher: sources.publisher,
        title: sources.title,
        publishedOn: sources.publishedOn,
      },
    })
    .from(history)
    .leftJoin(users, eq(users.id, history.userId))
    .leftJoin(citations, eq(citations.id, history.citationId))
    .leftJoin(sources, eq(sources.id, citations.sourceId))
    .where(eq(history.milestoneId, id))
    .orderBy(desc(history.at), desc(history.id))
    .all();

  return {
    ...milestone,
    slipped: slipped(milestone),
    dateTrail: dateTrailOf(historyRows),
    citations: citationRows.filter((c) => c.milestoneParticipantId === null),
    participants: participantRows.map((p) => ({
      ...p,
      citations: citationRows.filter((c) => c.milestoneParticipantId === p.id),
    })),
    predecessors,
    successors,
    history: historyRows,
  };
}
