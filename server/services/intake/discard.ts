import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { intakeDrafts } from '../../db/schema';
import { writeTransaction } from '../../db/transaction';
import { AppError } from '../../errors';

/** A discarded draft leaves nothing behind: the article and its proposals are deleted. */
export async function discardIntake(db: Db, draftId: number) {
  const removed = await writeTransaction(db, (tx) =>
    tx.delete(intakeDrafts).where(eq(intakeDrafts.id, draftId)).returning({ id: intakeDrafts.id }),
  );
  if (!removed.length) throw new AppError('NOT_FOUND', 'errors.draftNotFound', { field: 'draftId' });
  return { ok: true };
}
