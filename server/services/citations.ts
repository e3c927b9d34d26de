import { eq, sql } from 'drizzle-orm';
import type { CitationInput } from '../../shared/changes';
import type { CitationClaim } from '../../shared/citation';
import { type Db, writeTransaction } from '../db/client';
import { prepared } from '../db/prepared';
import { citations, milestones } from '../db/schema/milestone';
import { sources } from '../db/schema/reference';
import { AppError } from '../errors';
import { announceChange } from './events';
import { appendHistory } from './history';

/** Inserts a source; runs inside the caller's transaction, which also writes its history row. */
export function insertSource(
  tx: Db,
  source: Extract<CitationInput, { newSource: unknown }>['newSource'],
  actorId: number,
  reason: string,
  now: string,
): number {
  const { id } = tx
    .insert(sources)
    .values({
      publisher: source.publisher ?? null,
      title: source.title,
      publishedOn: source.publishedOn ?? null,
      url: source.url ?? null,
      note: source.note ?? null,
      language: 'ru',
      createdAt: now,
    })
    .returning({ id: sources.id })
    .get();
  appendHistory(tx, now, [{ userId: actorId, entity: 'source', entityId: id, action: 'create', to: source, reason }]);
  return id;
}

/** Stores the quote behind a change, with a new source when one was entered on the spot. */
export function insertCitation(
  tx: Db,
  input: CitationInput,
  target: { milestoneId: number; claim: Exclude<CitationClaim, 'role'> },
  actorId: number,
  reason: string,
  now: string,
): number {
  let sourceId: number;
  if ('sourceId' in input) {
    const source = prepared(tx, 'source-exists', (db) =>
      db
        .select({ id: sources.id })
        .from(sources)
        .where(eq(sources.id, sql.placeholder('id')))
        .prepare(),
    ).get({ id: input.sourceId });
    if (!source) {
      throw new AppError('INVALID', 'errors.sourceNotFound', { field: 'citation.sourceId' });
    }
    sourceId = input.sourceId;
  } else {
    sourceId = insertSource(tx, input.newSource, actorId, reason, now);
  }
  const { id } = prepared(tx, 'citation-insert', (db) =>
    db
      .insert(citations)
      .values({
        sourceId: sql.placeholder('sourceId'),
        quote: sql.placeholder('quote'),
        claim: sql.placeholder('claim'),
        milestoneId: sql.placeholder('milestoneId'),
        createdAt: sql.placeholder('createdAt'),
        createdBy: sql.placeholder('createdBy'),
      })
      .returning({ id: citations.id })
      .prepare(),
  ).get({
    sourceId,
    quote: input.quote,
    claim: target.claim,
    milestoneId: target.milestoneId,
    createdAt: now,
    createdBy: actorId,
  }) as { id: number };
  return id;
}

export function addMilestoneCitation(
  db: Db,
  actor: { id: number },
  input: { milestoneId: number; claim: Exclude<CitationClaim, 'role'>; citation: CitationInput; reason: string },
  now = new Date().toISOString(),
) {
  const result = writeTransaction(db, (tx) => {
    if (!tx.select({ id: milestones.id }).from(milestones).where(eq(milestones.id, input.milestoneId)).get()) {
      throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id: input.milestoneId });
    }
    const citationId = insertCitation(tx, input.citation, input, actor.id, input.reason, now);
    appendHistory(tx, now, [
      {
        userId: actor.id,
        milestoneId: input.milestoneId,
        entity: 'citation',
        entityId: citationId,
        action: 'create',
        field: 'citation',
        to: { claim: input.claim, quote: input.citation.quote },
        reason: input.reason,
        citationId,
      },
    ]);
    return { id: citationId };
  });
  announceChange({ milestoneId: input.milestoneId, version: null, at: now });
  return result;
}

export function createSource(
  db: Db,
  actor: { id: number },
  input: Extract<CitationInput, { newSource: unknown }>['newSource'] & { reason: string },
  now = new Date().toISOString(),
) {
  const { reason, ...source } = input;
  const id = writeTransaction(db, (tx) => insertSource(tx, source, actor.id, reason, now));
  announceChange({ milestoneId: null, version: null, at: now });
  return { id };
}
