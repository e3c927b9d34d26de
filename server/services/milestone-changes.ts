import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  CITED_FIELDS,
  type EditableField,
  type MilestoneCreateInput,
  type MilestoneUpdateInput,
} from '../../shared/changes';
import type { CitationClaim } from '../../shared/citation';
import type { ParticipantRole } from '../../shared/participant';
import type { PlannedDate } from '../../shared/precision';
import type { SessionUser } from '../context';
import { type Db, writeTransaction } from '../db/client';
import { prepared } from '../db/prepared';
import { dependencies, milestoneParticipants, milestones } from '../db/schema/milestone';
import { participants, regions, workstreams } from '../db/schema/reference';
import { normaliseSearchText } from '../db/text-search';
import { AppError } from '../errors';
import { insertCitation } from './citations';
import { announceChange } from './events';
import { appendHistory, type HistoryEntry } from './history';

type MilestoneRow = typeof milestones.$inferSelect;
type RoleInput = { participantId: number; role: ParticipantRole };

function plannedOf(row: MilestoneRow): PlannedDate | null {
  return row.plannedStart && row.plannedEnd && row.plannedPrecision
    ? { start: row.plannedStart, end: row.plannedEnd, precision: row.plannedPrecision }
    : null;
}

const roleKey = (r: RoleInput) => `${r.participantId}:${r.role}`;
const sortedRoles = (list: RoleInput[]) =>
  [...new Map(list.map((r) => [roleKey(r), r])).values()].sort((a, b) => roleKey(a).localeCompare(roleKey(b)));
const sortedIds = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

function activeRoles(tx: Db, milestoneId: number): RoleInput[] {
  return tx
    .select({ participantId: milestoneParticipants.participantId, role: milestoneParticipants.role })
    .from(milestoneParticipants)
    .where(and(eq(milestoneParticipants.milestoneId, milestoneId), isNull(milestoneParticipants.removedAt)))
    .all();
}

function predecessorIdsOf(tx: Db, milestoneId: number): number[] {
  return tx
    .select({ id: dependencies.predecessorId })
    .from(dependencies)
    .where(eq(dependencies.successorId, milestoneId))
    .all()
    .map((r) => r.id);
}

function requireRows(
  tx: Db,
  table: typeof workstreams | typeof regions | typeof participants | typeof milestones,
  ids: number[],
  field: string,
) {
  if (!ids.length) return;
  const found = tx.select({ id: table.id }).from(table).where(inArray(table.id, ids)).all();
  if (found.length !== new Set(ids).size) throw new AppError('INVALID', 'errors.unknownReference', { field });
}

/** True when `candidate` already depends, directly or not, on `milestoneId`: adding it as a predecessor would close a loop. */
function wouldCycle(tx: Db, milestoneId: number, candidate: number): boolean {
  const seen = new Set<number>();
  const queue = [candidate];
  while (queue.length) {
    const next = queue.pop() as number;
    if (next === milestoneId) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...predecessorIdsOf(tx, next));
  }
  return false;
}

/** Brings the role rows to `wanted`: removed ones are marked, returning ones unmarked, new ones added. */
function syncRoles(tx: Db, milestoneId: number, wanted: RoleInput[], now: string) {
  const wantedKeys = new Set(wanted.map(roleKey));
  const rows = tx.select().from(milestoneParticipants).where(eq(milestoneParticipants.milestoneId, milestoneId)).all();
  const existing = new Map(rows.map((r) => [roleKey(r), r]));
  for (const row of rows) {
    const keep = wantedKeys.has(roleKey(row));
    if (keep && row.removedAt) {
      tx.update(milestoneParticipants).set({ removedAt: null }).where(eq(milestoneParticipants.id, row.id)).run();
    } else if (!keep && !row.removedAt) {
      tx.update(milestoneParticipants).set({ removedAt: now }).where(eq(milestoneParticipants.id, row.id)).run();
    }
  }
  const added = wanted.filter((r) => !existing.has(roleKey(r)));
  if (added.length)
    tx.insert(milestoneParticipants)
      .values(added.map((r) => ({ milestoneId, ...r })))
      .run();
}

function syncPredecessors(tx: Db, milestoneId: number, wanted: number[]) {
  tx.delete(dependencies).where(eq(dependencies.successorId, milestoneId)).run();
  if (wanted.length) {
    tx.insert(dependencies)
      .values(wanted.map((predecessorId) => ({ predecessorId, successorId: milestoneId })))
      .run();
  }
}

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

function diff(tx: Db, current: MilestoneRow, input: MilestoneUpdateInput): Change[] {
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
    const from = sortedRoles(activeRoles(tx, current.id));
    const to = sortedRoles(input.participants);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: 'participants', from, to });
  }
  if (input.predecessorIds !== undefined) {
    const from = sortedIds(predecessorIdsOf(tx, current.id));
    const to = sortedIds(input.predecessorIds);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: 'predecessorIds', from, to });
  }
  return changes;
}

function validateReferences(tx: Db, milestoneId: number | null, input: Partial<MilestoneUpdateInput>) {
  if (input.workstreamId) requireRows(tx, workstreams, [input.workstreamId], 'workstreamId');
  if (input.regionId) requireRows(tx, regions, [input.regionId], 'regionId');
  if (input.participants)
    requireRows(
      tx,
      participants,
      input.participants.map((p) => p.participantId),
      'participants',
    );
  if (input.predecessorIds && milestoneId !== null) {
    requireRows(tx, milestones, input.predecessorIds, 'predecessorIds');
    if (input.predecessorIds.some((p) => p === milestoneId || wouldCycle(tx, milestoneId, p))) {
      throw new AppError('INVALID', 'errors.dependencyCycle', { field: 'predecessorIds' });
    }
  }
}

/**
 * Applies a planner's change in one synchronous transaction: checks the version the form was
 * based on, writes the milestone with version + 1, its roles and dependencies, the citation,
 * and one history row per changed field. Anything refused leaves the database untouched.
 */
export function updateMilestone(
  db: Db,
  actor: SessionUser,
  input: MilestoneUpdateInput,
  now = new Date().toISOString(),
) {
  const result = writeTransaction(db, (tx) => applyMilestoneUpdate(tx, actor, input, now));
  announceChange({ milestoneId: result.id, version: result.version, at: now });
  return result;
}

/**
 * The change itself, for callers that hold the transaction (the CSV import applies many rows
 * in one). It must run inside one: a refusal throws, and the caller's rollback undoes the rest.
 */
export function applyMilestoneUpdate(tx: Db, actor: SessionUser, input: MilestoneUpdateInput, now: string) {
  const current = prepared(tx, 'milestone-by-id', (db) =>
    db
      .select()
      .from(milestones)
      .where(eq(milestones.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id: input.id });
  if (!current) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id: input.id });
  if (current.version !== input.version) {
    throw new AppError('STALE_VERSION', 'errors.staleVersion', { currentVersion: current.version });
  }
  const changes = diff(tx, current, input);
  if (!changes.length) throw new AppError('INVALID', 'errors.noChanges');
  const fields = changes.map((c) => c.field);
  const cited = fields.filter((f) => (CITED_FIELDS as readonly string[]).includes(f));
  if (cited.length && !input.citation) {
    throw new AppError('INVALID', 'errors.citationRequired', { field: 'citation', fields: cited });
  }
  validateReferences(tx, current.id, input);

  const citationId = input.citation
    ? insertCitation(
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
  // Only the columns that change are assigned: SQLite rewrites the index entries of every
  // assigned column, same value or not, and each rewritten page is more to fsync.
  const changed = Object.fromEntries(
    Object.entries(row).filter(([column, value]) => value !== current[column as keyof typeof current]),
  );
  const updated = tx
    .update(milestones)
    .set({ ...changed, version: sql`${milestones.version} + 1`, updatedAt: now })
    .where(and(eq(milestones.id, current.id), eq(milestones.version, input.version)))
    .returning({ version: milestones.version })
    .get();
  // The version check above ran in this same write transaction; this guards the invariant anyway.
  if (!updated) throw new AppError('STALE_VERSION', 'errors.staleVersion', { currentVersion: current.version });

  if (input.participants !== undefined && fields.includes('participants')) {
    syncRoles(tx, current.id, sortedRoles(input.participants), now);
  }
  if (input.predecessorIds !== undefined && fields.includes('predecessorIds')) {
    syncPredecessors(tx, current.id, sortedIds(input.predecessorIds));
  }
  appendHistory(
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
        citationId,
      }),
    ),
  );
  return { id: current.id, version: updated.version };
}

export function createMilestone(
  db: Db,
  actor: SessionUser,
  input: MilestoneCreateInput,
  now = new Date().toISOString(),
) {
  const result = writeTransaction(db, (tx) => {
    validateReferences(tx, null, input);
    const planned = input.planned ?? null;
    const texts = {
      titleRu: input.title,
      titleEn: input.titleEn || null,
      description: input.description ?? '',
      expectedResult: input.expectedResult ?? '',
      site: input.site || null,
    };
    const { id } = tx
      .insert(milestones)
      .values({
        ...texts,
        workstreamId: input.workstreamId,
        regionId: input.regionId ?? null,
        status: input.status,
        plannedStart: planned?.start ?? null,
        plannedEnd: planned?.end ?? null,
        plannedPrecision: planned?.precision ?? null,
        baselineStart: planned?.start ?? null,
        baselineEnd: planned?.end ?? null,
        baselinePrecision: planned?.precision ?? null,
        actualDate: input.actualDate ?? null,
        searchText: normaliseSearchText(
          texts.titleRu,
          texts.titleEn,
          texts.description,
          texts.expectedResult,
          texts.site,
        ),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: milestones.id })
      .get();
    const claim = planned || input.actualDate ? 'date' : 'milestone';
    const citationId = insertCitation(tx, input.citation, { milestoneId: id, claim }, actor.id, input.reason, now);
    if (input.participants?.length) syncRoles(tx, id, sortedRoles(input.participants), now);
    appendHistory(tx, now, [
      {
        userId: actor.id,
        milestoneId: id,
        entity: 'milestone',
        entityId: id,
        action: 'create',
        to: { title: input.title, status: input.status, planned, actualDate: input.actualDate ?? null },
        reason: input.reason,
        citationId,
      },
    ]);
    return { id, version: 1 };
  });
  announceChange({ milestoneId: result.id, version: result.version, at: now });
  return result;
}
