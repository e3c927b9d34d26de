import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { HistoryFilter } from '../../../shared/history';
import type { Db } from '../../db/client';
import { citations, history, milestones, sources, users } from '../../db/schema';

export const historyColumns = {
  id: history.id,
  at: history.at,
  action: history.action,
  entity: history.entity,
  entityId: history.entityId,
  field: history.field,
  fromValue: history.fromValue,
  toValue: history.toValue,
  reason: history.reason,
  userId: history.userId,
  userName: users.displayName,
  milestoneId: history.milestoneId,
  milestoneTitle: milestones.titleRu,
  milestoneTitleEn: milestones.titleEn,
  citation: {
    id: citations.id,
    quote: citations.quote,
    sourceId: sources.id,
    publisher: sources.publisher,
    title: sources.title,
    publishedOn: sources.publishedOn,
  },
};

/** The history screen's filters; also the history export's. */
export function historyConditions(filter: Omit<HistoryFilter, 'limit' | 'cursor'>): SQL[] {
  const conditions: SQL[] = [];
  if (filter.milestoneId) conditions.push(eq(history.milestoneId, filter.milestoneId));
  if (filter.userId) conditions.push(eq(history.userId, filter.userId));
  if (filter.field) conditions.push(eq(history.field, filter.field));
  // `at` is an ISO timestamp; a calendar `to` includes its whole day.
  if (filter.from) conditions.push(gte(history.at, filter.from));
  if (filter.to) conditions.push(lte(history.at, `${filter.to}T23:59:59.999Z`));
  return conditions;
}

export function historyQuery(db: Db, where: SQL | undefined) {
  return db
    .select(historyColumns)
    .from(history)
    .leftJoin(users, eq(users.id, history.userId))
    .leftJoin(milestones, eq(milestones.id, history.milestoneId))
    .leftJoin(citations, eq(citations.id, history.citationId))
    .leftJoin(sources, eq(sources.id, citations.sourceId))
    .where(where)
    .orderBy(desc(history.id));
}

/** Newest first, a page at a time: `nextCursor` is passed back to get the next page. */
export async function listHistory(db: Db, filter: HistoryFilter) {
  const conditions = historyConditions(filter);
  if (filter.cursor) conditions.push(lt(history.id, filter.cursor));
  const rows = await historyQuery(db, and(...conditions)).limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return { rows: page, nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}
