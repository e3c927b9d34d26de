import { publishChange } from '../../db/change-feed';
import type { Db } from '../../db/client';
import { writeTransaction } from '../../db/transaction';
import { insertSource, type NewSource } from './insert';

export async function createSource(
  db: Db,
  actor: { id: number },
  input: NewSource & { reason: string },
  now = new Date().toISOString(),
) {
  const { reason, ...source } = input;
  const id = await writeTransaction(db, async (tx) => {
    const written = await insertSource(tx, source, actor.id, reason, now);
    await publishChange(tx, { milestoneId: null, version: null, at: now });
    return written;
  });
  return { id };
}
