import { and, eq, sql } from 'drizzle-orm';
import {
  changeRuleBroken,
  citedFieldsOf,
  type EditableField,
  type MilestoneUpdateInput,
} from '../../../shared/changes';
import type { CitationClaim } from '../../../shared/citation';
import type { SessionUser } from '../../../shared/user';
import { writeAndAnnounce } from '../../db/change-feed';
import type { Db, Tx } from '../../db/client';
import { milestones } from '../../db/schema';
import { normaliseSearchText } from '../../db/text-search';
import { AppError } from '../../errors';
import { type InsertedCitation, insertCitation } from '../citation/insert';
import { insertClaim, supersedeCurrent } from '../claim/record';
import { appendHistory, type HistoryEntry } from '../history/append';
import {
  activeRoles,
  type MilestoneRow,
  plannedOf,
  predecessorIdsOf,
  sortedIds,
  sortedRoles,
  syncPredecessors,
  syncRoles,
  validateReferences,
} from './relations';

/** The claim a change's citation backs: the date if a date moved, else the status, else the milestone. */
function claimFor(fields: EditableField[]): Exclude<CitationClaim, 'role'> {
  if (fields.includes('planned') || fields.includes('actualDate')) return 'date';
  if (fields.includes('status')) return 'status';
  return 'milestone';
}

interface Change {
  field: EditableField;
  from: unknown;
  to: unknown;
}

async function diff(tx: Tx, current: MilestoneRow, input: MilestoneUpdateInput): Promise<Change[]> {
  const changes: Change[] = [];
  const scalar = (field: EditableField, from: unknown, to: unknown) => {
    if (to !== undefined && to !== from) changes.push({ field, from, to });
  };
  scalar('title', current.titleRu, input.title);
  scalar('titleEn', current.titleEn, input.titleEn === '' ? null : input.titleEn);
  scalar('description', current.description, input.description);
  scalar('expectedResult', current.expectedResult, input.expectedResult);
  scalar('status', current.status, input.status);
  scalar('actualDate', current.actualDate, input.actualDate);
  scalar('workstreamId', current.workstreamId, input.workstreamId);
  scalar('regionId', current.regionId, input.regionId);
  scalar('site', current.site, input.site === '' ? null : input.site);
  if (input.planned !== undefined) {
    const from = plannedOf(current);
    if (JSON.stringify(from) !== JSON.stringify(input.planned))
      changes.push({ field: 'planned', from, to: input.planned });
  }
  if (input.participants !== undefined) {
    const from = sortedRoles(await activeRoles(tx, current.id));
    const to = sortedRoles(input.participants);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: 'participants', from, to });
  }
  if (input.predecessorIds !== undefined) {
    const from = sortedIds(await predecessorIdsOf(tx, current.id));
    const to = sortedIds(input.predecessorIds);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: 'predecessorIds', from, to });
  }
  return changes;
}

/**
 * A planner's new date or status is what the cited source says: it becomes the current claim,
 * and the one it replaces is superseded with the change's reason. A date taken away (the
 * milestone undated) supersedes the current date claim without a new one.
 */
async function recordClaims(
  tx: Tx,
  actor: SessionUser,
  current: MilestoneRow,
  input: MilestoneUpdateInput,
  fields: EditableField[],
  citation: InsertedCitation,
  now: string,
) {
  const { id: citationId, publishedOn: statedOn } = citation;
  if (fields.includes('planned')) {
    await supersedeCurrent(tx, current.id, 'date', input.reason);
    if (input.planned) {
      const planned = { ...input.planned, qualifier: 'exact' as const };
      await insertClaim(tx, { milestoneId: current.id, citationId, statedOn, planned, rank: 'current' }, actor.id, now);
    }
  }
  if (fields.includes('status') && input.status) {
    await supersedeCurrent(tx, current.id, 'status', input.reason);
    await insertClaim(
      tx,
      { milestoneId: current.id, citationId, statedOn, status: input.status, rank: 'current' },
      actor.id,
      now,
    );
  }
}

/**
 * Applies a planner's change in one write transaction: checks the version the form was
 * based on, writes the milestone with version + 1, its roles and dependencies, the citation,
 * and one history row per changed field. Anything refused leaves the database untouched.
 */
export async function updateMilestone(
  db: Db,
  actor: SessionUser,
  input: MilestoneUpdateInput,
  now = new Date().toISOString(),
) {
  return writeAndAnnounce(
    db,
    (tx) => applyMilestoneUpdate(tx, actor, input, now),
    (written) => ({ milestoneId: written.id, version: written.version, at: now }),
  );
}

/**
 * The change itself, for callers that hold the transaction (the CSV import applies many rows
 * in one). It must run inside one: a refusal throws, and the caller's rollback undoes the rest.
 */
export async function applyMilestoneUpdate(tx: Tx, actor: SessionUser, input: MilestoneUpdateInput, now: string) {
  const [current] = await tx.select().from(milestones).where(eq(milestones.id, input.id));
  if (!current) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id: input.id });
  if (current.version !== input.version) {
    throw new AppError('STALE_VERSION', 'errors.staleVersion', { currentVersion: current.version });
  }
  const changes = await diff(tx, current, input);
  const fields = changes.map((c) => c.field);
  const broken = changeRuleBroken(fields, Boolean(input.citation));
  if (broken === 'errors.noChanges') throw new AppError('INVALID', broken);
  if (broken) throw new AppError('INVALID', broken, { field: 'citation', fields: citedFieldsOf(fields) });
  await validateReferences(tx, current.id, input);

  const citation = input.citation
    ? await insertCitation(
        tx,
        input.citation,
        { milestoneId: current.id, claim: claimFor(fields) },
        actor.id,
        input.reason,
        now,
      )
    : null;

  const next = {
    titleRu: input.title ?? current.titleRu,
    titleEn: input.titleEn === undefined ? current.titleEn : input.titleEn || null,
    description: input.description ?? current.description,
    expectedResult: input.expectedResult ?? current.expectedResult,
    site: input.site === undefined ? current.site : input.site || null,
  };
  const planned = input.planned === undefined ? plannedOf(current) : input.planned;
  const row = {
    ...next,
    status: input.status ?? current.status,
    workstreamId: input.workstreamId === undefined ? current.workstreamId : input.workstreamId,
    regionId: input.regionId === undefined ? current.regionId : input.regionId,
    actualDate: input.actualDate === undefined ? current.actualDate : input.actualDate,
    plannedStart: planned?.start ?? null,
    plannedEnd: planned?.end ?? null,
    plannedPrecision: planned?.precision ?? null,
    // A milestone that gets its first date gets its baseline then: that is when it was announced.
    ...(current.baselineStart === null && planned
      ? { baselineStart: planned.start, baselineEnd: planned.end, baselinePrecision: planned.precision }
      : {}),
    searchText: normaliseSearchText(next.titleRu, next.titleEn, next.description, next.expectedResult, next.site),
  };
  // Only the columns that change are assigned: Both engines rewrite the index entries of every
  // assigned column, same value or not, and each rewritten page is more to write.
  const changed = Object.fromEntries(
    Object.entries(row).filter(([column, value]) => value !== current[column as keyof typeof current]),
  );
  const [updated] = await tx
    .update(milestones)
    .set({ ...changed, version: sql`${milestones.version} + 1`, updatedAt: now })
    .where(and(eq(milestones.id, current.id), eq(milestones.version, input.version)))
    .returning({ version: milestones.version });
  // The version check above ran in this same write transaction; this guards the invariant anyway.
  if (!updated) throw new AppError('STALE_VERSION', 'errors.staleVersion', { currentVersion: current.version });

  if (input.participants !== undefined && fields.includes('participants')) {
    await syncRoles(tx, current.id, sortedRoles(input.participants), now);
  }
  if (citation !== null) await recordClaims(tx, actor, current, input, fields, citation, now);
  if (input.predecessorIds !== undefined && fields.includes('predecessorIds')) {
    await syncPredecessors(tx, current.id, sortedIds(input.predecessorIds));
  }
  await appendHistory(
    tx,
    now,
    changes.map(
      (c): HistoryEntry => ({
        userId: actor.id,
        milestoneId: current.id,
        entity: 'milestone',
        entityId: current.id,
        action: 'update',
        field: c.field,
        from: c.from,
        to: c.to,
        reason: input.reason,
        citationId: citation?.id ?? null,
      }),
    ),
  );
  return { id: current.id, version: updated.version };
}
