import { writeAndAnnounce } from '../../db/change-feed';
import type { Db } from '../../db/client';
import { insertSource, type NewSource } from './insert';

export async function createSource(
  db: Db,
  actor: { id: number },
  input: NewSource & { reason: string },
  now = new Date().toISOString(),
) {
  const { reason, ...source } = input;
  const id = await writeAndAnnounce(
    db,
    (tx) => insertSource(tx, source, actor.id, reason, now),
    () => ({ milestoneId: null, version: null, at: now }),
  );
  return { id };
}
