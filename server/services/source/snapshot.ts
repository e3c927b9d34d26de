import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { foldSpaces, quoteIsIn } from '../../../shared/snapshot';
import type { SessionUser } from '../../../shared/user';
import type { Db, Tx } from '../../db/client';
import { sourceSnapshots, sources } from '../../db/schema';
import { writeTransaction } from '../../db/transaction';
import { AppError } from '../../errors';
import { appendHistory } from '../history/append';

/**
 * The private text of a source (planners and admins only; never in an export). While a
 * source has its text, every quote cited from it must be found in it.
 */

export const textSha256 = (text: string) => createHash('sha256').update(foldSpaces(text)).digest('hex');

/** The source's text, or null when it has none (never attached, or purged). */
export async function snapshotTextOf(db: Db, sourceId: number): Promise<string | null> {
  const [row] = await db
    .select({ text: sourceSnapshots.text })
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId));
  return row?.text ?? null;
}

/** Refuses a quote its source's kept text does not contain; a source without text is not checked. */
export function checkQuote(text: string | null, quote: string, field = 'citation.quote'): void {
  if (text !== null && !quoteIsIn(text, quote)) throw new AppError('INVALID', 'errors.quoteNotInSource', { field });
}

export async function insertSnapshot(tx: Tx, sourceId: number, text: string, actorId: number, now: string) {
  await tx
    .insert(sourceSnapshots)
    .values({ sourceId, text, textSha256: textSha256(text), createdAt: now, createdBy: actorId });
}

async function requireSource(tx: Tx, sourceId: number) {
  const [source] = await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, sourceId));
  if (!source) throw new AppError('NOT_FOUND', 'errors.sourceNotFound', { field: 'sourceId' });
}

/** A planner keeps the text of an existing source; the quotes already cited from it must be in it. */
export async function attachSnapshot(
  db: Db,
  actor: SessionUser,
  input: { sourceId: number; text: string; reason: string },
  now = new Date().toISOString(),
) {
  return writeTransaction(db, async (tx) => {
    await requireSource(tx, input.sourceId);
    const [existing] = await tx
      .select({ text: sourceSnapshots.text })
      .from(sourceSnapshots)
      .where(eq(sourceSnapshots.sourceId, input.sourceId));
    if (existing) throw new AppError('INVALID', 'errors.snapshotExists', { field: 'text' });
    await insertSnapshot(tx, input.sourceId, input.text, actor.id, now);
    await appendHistory(tx, now, [
      {
        userId: actor.id,
        entity: 'source',
        entityId: input.sourceId,
        action: 'update',
        field: 'snapshot',
        to: { sha256: textSha256(input.text), chars: input.text.length },
        reason: input.reason,
      },
    ]);
    return { sourceId: input.sourceId, sha256: textSha256(input.text) };
  });
}

/** An admin removes a kept text; its SHA-256 stays, and the history says who and why. */
export async function purgeSnapshot(
  db: Db,
  actor: SessionUser,
  input: { sourceId: number; reason: string },
  now = new Date().toISOString(),
) {
  return writeTransaction(db, async (tx) => {
    const [existing] = await tx.select().from(sourceSnapshots).where(eq(sourceSnapshots.sourceId, input.sourceId));
    if (!existing || existing.text === null)
      throw new AppError('NOT_FOUND', 'errors.snapshotNotFound', { field: 'sourceId' });
    await tx
      .update(sourceSnapshots)
      .set({ text: null, purgedAt: now, purgedBy: actor.id })
      .where(eq(sourceSnapshots.sourceId, input.sourceId));
    await appendHistory(tx, now, [
      {
        userId: actor.id,
        entity: 'source',
        entityId: input.sourceId,
        action: 'update',
        field: 'snapshot',
        from: { sha256: existing.textSha256 },
        to: { sha256: existing.textSha256, purged: true },
        reason: input.reason,
      },
    ]);
    return { sourceId: input.sourceId, sha256: existing.textSha256 };
  });
}
