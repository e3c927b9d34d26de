import { and, asc, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { ClaimEvidence, ClaimedDate } from '../../../shared/claims';
import { confidenceOf, conflictingPairs } from '../../../shared/claims';
import type { Db } from '../../db/client';
import { citations, claims, sourceSnapshots, sources } from '../../db/schema';

/** Claims as the rules and the screens read them: each with its source and quote. */

export const claimColumns = {
  id: claims.id,
  milestoneId: claims.milestoneId,
  kind: claims.kind,
  citationId: claims.citationId,
  statedOn: claims.statedOn,
  plannedStart: claims.plannedStart,
  plannedEnd: claims.plannedEnd,
  plannedPrecision: claims.plannedPrecision,
  qualifier: claims.qualifier,
  status: claims.status,
  rank: claims.rank,
  rankReason: claims.rankReason,
  currentSince: claims.currentSince,
  createdAt: claims.createdAt,
  quote: citations.quote,
  sourceId: sources.id,
  sourceTitle: sources.title,
  publisher: sources.publisher,
  publishedOn: sources.publishedOn,
  sourceKind: sources.kind,
  checked: sql<boolean>`${sourceSnapshots.textSha256} is not null`.mapWith(Boolean),
};

/** Claims of the milestones `where` selects (one query for a whole list), in the order they were made. */
export function claimRows(db: Db, where: SQL | undefined) {
  return db
    .select(claimColumns)
    .from(claims)
    .innerJoin(citations, eq(citations.id, claims.citationId))
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .leftJoin(sourceSnapshots, eq(sourceSnapshots.sourceId, sources.id))
    .where(where)
    .orderBy(asc(claims.milestoneId), asc(claims.id));
}

export type ClaimRow = Awaited<ReturnType<typeof claimRows>>[number];

/** Claims of the milestones given by id or by a subquery selecting their ids. */
export function claimsOfMilestones(db: Db, milestoneIds: number[] | SQLWrapper, kind?: 'date' | 'status') {
  const ids = inArray(claims.milestoneId, milestoneIds as number[]);
  return claimRows(db, kind ? and(ids, eq(claims.kind, kind)) : ids);
}

export function plannedOfClaim(
  row: Pick<ClaimRow, 'plannedStart' | 'plannedEnd' | 'plannedPrecision' | 'qualifier'>,
): ClaimedDate | null {
  return row.plannedStart && row.plannedEnd && row.plannedPrecision
    ? {
        start: row.plannedStart,
        end: row.plannedEnd,
        precision: row.plannedPrecision,
        qualifier: row.qualifier ?? 'exact',
      }
    : null;
}

type EvidenceRow = Pick<
  ClaimRow,
  | 'id'
  | 'kind'
  | 'rank'
  | 'plannedStart'
  | 'plannedEnd'
  | 'plannedPrecision'
  | 'qualifier'
  | 'statedOn'
  | 'publisher'
  | 'sourceId'
  | 'sourceKind'
  | 'currentSince'
>;

/** The date claims as evidence for the conflict, slip and confidence rules. */
export function evidenceOf(rows: EvidenceRow[]): ClaimEvidence[] {
  return rows.flatMap((row) => {
    const planned = row.kind === 'date' ? plannedOfClaim(row) : null;
    if (!planned) return [];
    return [
      {
        id: row.id,
        rank: row.rank,
        planned,
        statedOn: row.statedOn,
        // Two texts of one publisher are one voice; a source without a publisher counts alone.
        publisher: row.publisher?.trim().toLowerCase() || `source:${row.sourceId}`,
        sourceKind: row.sourceKind,
        currentSince: row.currentSince,
      },
    ];
  });
}

/** Today as a calendar date, for the freshness of statements. */
export const today = () => new Date().toISOString().slice(0, 10);

/** A milestone's conflict flag and confidence, from its date claims. */
export function assess(rows: ClaimRow[], milestone: { status: string; actualDate: string | null }, on = today()) {
  return assessEvidence(evidenceOf(rows), milestone, on);
}

export function assessEvidence(
  evidence: ClaimEvidence[],
  milestone: { status: string; actualDate: string | null },
  on = today(),
) {
  return {
    conflict: conflictingPairs(evidence).length > 0,
    confidence: confidenceOf(evidence, on, milestone.status === 'done' && milestone.actualDate !== null),
  };
}

/** Rows grouped by milestone. */
export function byMilestone(rows: ClaimRow[]): Map<number, ClaimRow[]> {
  const grouped = new Map<number, ClaimRow[]>();
  for (const row of rows) {
    const list = grouped.get(row.milestoneId);
    if (list) list.push(row);
    else grouped.set(row.milestoneId, [row]);
  }
  return grouped;
}

/** The days the live date claims span together (min start to max end): drawn behind a disputed item. */
export function claimSpread(rows: ClaimRow[]): { start: string; end: string } | null {
  const live = rows.filter((r) => r.kind === 'date' && r.rank !== 'superseded' && r.plannedStart && r.plannedEnd);
  if (live.length < 2) return null;
  const starts = live.map((r) => r.plannedStart as string).sort();
  const ends = live.map((r) => r.plannedEnd as string).sort();
  return { start: starts[0] as string, end: ends.at(-1) as string };
}
