import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { MilestoneUpdateInput } from '../../../shared/changes';
import type { ParticipantRole } from '../../../shared/participant';
import type { PlannedDate } from '../../../shared/precision';
import type { Db, Tx } from '../../db/client';
import { dependencies, milestoneParticipants, milestones, participants, regions, workstreams } from '../../db/schema';
import { AppError } from '../../errors';

/** The milestone rows, roles and dependencies as the create and update verbs read and write them. */

export type MilestoneRow = typeof milestones.$inferSelect;
export type RoleInput = { participantId: number; role: ParticipantRole };

export function plannedOf(row: MilestoneRow): PlannedDate | null {
  return row.plannedStart && row.plannedEnd && row.plannedPrecision
    ? { start: row.plannedStart, end: row.plannedEnd, precision: row.plannedPrecision }
    : null;
}

const roleKey = (r: RoleInput) => `${r.participantId}:${r.role}`;
export const sortedRoles = (list: RoleInput[]) =>
  [...new Map(list.map((r) => [roleKey(r), r])).values()].sort((a, b) => roleKey(a).localeCompare(roleKey(b)));
export const sortedIds = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

export function activeRoles(db: Db, milestoneId: number): Promise<RoleInput[]> {
  return db
    .select({ participantId: milestoneParticipants.participantId, role: milestoneParticipants.role })
    .from(milestoneParticipants)
    .where(and(eq(milestoneParticipants.milestoneId, milestoneId), isNull(milestoneParticipants.removedAt)));
}

export async function predecessorIdsOf(db: Db, milestoneId: number): Promise<number[]> {
  const rows = await db
    .select({ id: dependencies.predecessorId })
    .from(dependencies)
    .where(eq(dependencies.successorId, milestoneId));
  return rows.map((r) => r.id);
}

async function requireRows(
  db: Db,
  table: typeof workstreams | typeof regions | typeof participants | typeof milestones,
  ids: number[],
  field: string,
) {
  if (!ids.length) return;
  const found = await db.select({ id: table.id }).from(table).where(inArray(table.id, ids));
  if (found.length !== new Set(ids).size) throw new AppError('INVALID', 'errors.unknownReference', { field });
}

/**
 * True when `candidate` already depends, directly or not, on `milestoneId`: adding it as a
 * predecessor would close a loop. Runs inside the write transaction, whose lock keeps another
 * server from adding the other half of the loop meanwhile.
 */
async function wouldCycle(tx: Tx, milestoneId: number, candidate: number): Promise<boolean> {
  const seen = new Set<number>();
  const queue = [candidate];
  while (queue.length) {
    const next = queue.pop() as number;
    if (next === milestoneId) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(await predecessorIdsOf(tx, next)));
  }
  return false;
}

export async function validateReferences(tx: Tx, milestoneId: number | null, input: Partial<MilestoneUpdateInput>) {
  if (input.workstreamId) await requireRows(tx, workstreams, [input.workstreamId], 'workstreamId');
  if (input.regionId) await requireRows(tx, regions, [input.regionId], 'regionId');
  if (input.participants)
    await requireRows(
      tx,
      participants,
      input.participants.map((p) => p.participantId),
      'participants',
    );
  if (input.predecessorIds && milestoneId !== null) {
    await requireRows(tx, milestones, input.predecessorIds, 'predecessorIds');
    for (const p of input.predecessorIds) {
      if (p === milestoneId || (await wouldCycle(tx, milestoneId, p))) {
        throw new AppError('INVALID', 'errors.dependencyCycle', { field: 'predecessorIds' });
      }
    }
  }
}

/** Brings the role rows to `wanted`: removed ones are marked, returning ones unmarked, new ones added. */
export async function syncRoles(tx: Tx, milestoneId: number, wanted: RoleInput[], now: string) {
  const wantedKeys = new Set(wanted.map(roleKey));
  const rows = await tx.select().from(milestoneParticipants).where(eq(milestoneParticipants.milestoneId, milestoneId));
  const existing = new Map(rows.map((r) => [roleKey(r), r]));
  for (const row of rows) {
    const keep = wantedKeys.has(roleKey(row));
    if (keep && row.removedAt) {
      await tx.update(milestoneParticipants).set({ removedAt: null }).where(eq(milestoneParticipants.id, row.id));
    } else if (!keep && !row.removedAt) {
      await tx.update(milestoneParticipants).set({ removedAt: now }).where(eq(milestoneParticipants.id, row.id));
    }
  }
  const added = wanted.filter((r) => !existing.has(roleKey(r)));
  if (added.length) await tx.insert(milestoneParticipants).values(added.map((r) => ({ milestoneId, ...r })));
}

export async function syncPredecessors(tx: Tx, milestoneId: number, wanted: number[]) {
  await tx.delete(dependencies).where(eq(dependencies.successorId, milestoneId));
  if (wanted.length) {
    await tx.insert(dependencies).values(wanted.map((predecessorId) => ({ predecessorId, successorId: milestoneId })));
  }
}
