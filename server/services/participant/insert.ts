import type { ParticipantKind } from '../../../shared/participant';
import type { Tx } from '../../db/client';
import { participants } from '../../db/schema';
import { appendHistory } from '../history/append';

/** A participant first named by a source (the news intake), with its history row. */
export async function insertParticipant(
  tx: Tx,
  input: { nameRu: string; kind: ParticipantKind },
  actorId: number,
  reason: string,
  now: string,
): Promise<number> {
  const [row] = await tx
    .insert(participants)
    .values({ nameRu: input.nameRu, kind: input.kind })
    .returning({ id: participants.id });
  const id = (row as { id: number }).id;
  await appendHistory(tx, now, [
    { userId: actorId, entity: 'participant', entityId: id, action: 'create', to: input, reason },
  ]);
  return id;
}
