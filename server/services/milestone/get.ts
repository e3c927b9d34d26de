import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { confidenceInWords, moveText } from '../../../shared/claim-text';
import { conflictingPairs, promiseSteps } from '../../../shared/claims';
import type { Language } from '../../../shared/date-label';
import type { PlannedDate } from '../../../shared/precision';
import type { Db } from '../../db/client';
import { aliasOf } from '../../db/dialect';
import {
  citations,
  dependencies,
  history,
  milestoneParticipants,
  milestones,
  participants,
  regions,
  sourceSnapshots,
  sources,
  users,
  workstreams,
} from '../../db/schema';
import { AppError } from '../../errors';
import { assess, claimsOfMilestones, evidenceOf, plannedOfClaim } from '../claim/read';
import { listColumns, slipped } from './list';

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

export async function getMilestone(db: Db, id: number, language: Language = 'ru') {
  const [milestone] = await db
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
    .where(eq(milestones.id, id));
  if (!milestone) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id });

  const citationRows = await db
    .select({
      id: citations.id,
      claim: citations.claim,
      quote: citations.quote,
      milestoneParticipantId: citations.milestoneParticipantId,
      source: sourceColumns,
      // Quotes of a source whose text is (or was) kept were checked against it when cited.
      checked: sql<boolean>`${sourceSnapshots.textSha256} is not null`.mapWith(Boolean),
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .leftJoin(sourceSnapshots, eq(sourceSnapshots.sourceId, sources.id))
    .leftJoin(milestoneParticipants, eq(milestoneParticipants.id, citations.milestoneParticipantId))
    .where(or(eq(citations.milestoneId, id), eq(milestoneParticipants.milestoneId, id)))
    .orderBy(asc(citations.id));

  const participantRows = await db
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
    .orderBy(asc(milestoneParticipants.id));

  const other = aliasOf(milestones, 'other');
  const dependencyColumns = { id: other.id, title: other.titleRu, titleEn: other.titleEn, status: other.status };
  const predecessors = await db
    .select(dependencyColumns)
    .from(dependencies)
    .innerJoin(other, eq(other.id, dependencies.predecessorId))
    .where(eq(dependencies.successorId, id))
    .orderBy(asc(other.id));
  const successors = await db
    .select(dependencyColumns)
    .from(dependencies)
    .innerJoin(other, eq(other.id, dependencies.successorId))
    .where(eq(dependencies.predecessorId, id))
    .orderBy(asc(other.id));

  const historyRows = await db
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
    .orderBy(desc(history.at), desc(history.id));

  const claimRowsOfMilestone = await claimsOfMilestones(db, [id]);
  const evidence = evidenceOf(claimRowsOfMilestone);
  const { conflict, confidence } = assess(claimRowsOfMilestone, milestone);
  const conflicting = new Set(conflictingPairs(evidence).flat());

  return {
    ...milestone,
    slipped: slipped(milestone),
    claims: claimRowsOfMilestone.map((c) => ({
      id: c.id,
      kind: c.kind,
      sourceId: c.sourceId,
      quote: c.quote,
      statedOn: c.statedOn,
      planned: c.kind === 'date' ? plannedOfClaim(c) : null,
      status: c.status,
      rank: c.rank,
      rankReason: c.rankReason,
      currentSince: c.currentSince,
      conflicting: conflicting.has(c.id),
      checked: c.checked,
      source: {
        id: c.sourceId,
        title: c.sourceTitle,
        publisher: c.publisher,
        publishedOn: c.publishedOn,
        kind: c.sourceKind,
      },
    })),
    conflict,
    confidence: confidenceInWords(confidence, language),
    /** The promises the roadmap made, in order, each with how it moved from the one before. */
    promises: promiseSteps(evidence).map((step) => ({
      claimId: step.claimId,
      planned: step.planned,
      move: step.move ? { ...step.move, text: moveText(step.move, language) } : null,
    })),
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
