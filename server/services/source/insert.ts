import type { CitationInput } from '../../../shared/changes';
import type { Tx } from '../../db/client';
import { sources } from '../../db/schema';
import { appendHistory } from '../history/append';

export type NewSource = Extract<CitationInput, { newSource: unknown }>['newSource'];

/** Inserts a source and its history row, inside the caller's transaction. */
export async function insertSource(
  tx: Tx,
  source: NewSource,
  actorId: number,
  reason: string,
  now: string,
): Promise<number> {
  const [row] = await tx
    .insert(sources)
    .values({
      publisher: source.publisher ?? null,
      title: source.title,
      publishedOn: source.publishedOn ?? null,
      url: source.url ?? null,
      note: source.note ?? null,
      language: 'ru',
      kind: source.kind ?? 'unknown',
      createdAt: now,
    })
    .returning({ id: sources.id });
  const id = (row as { id: number }).id;
  await appendHistory(tx, now, [
    { userId: actorId, entity: 'source', entityId: id, action: 'create', to: source, reason },
  ]);
  return id;
}
