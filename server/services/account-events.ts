import { desc, eq, inArray, lt } from 'drizzle-orm';
import type { AccountEventAction, AccountEventFilter } from '../../shared/account-events';
import type { UserRole } from '../../shared/user';
import type { Db, Tx } from '../db/client';
import { accountEvents, users } from '../db/schema';

export interface AccountEvent {
  /** Who did it; null: the command line on the server itself. */
  actorId: number | null;
  /** Whose account. */
  userId: number;
  action: AccountEventAction;
  fromRole?: UserRole | null;
  toRole?: UserRole | null;
}

/**
 * Appends to the admins' account log; the caller runs it inside the transaction of the change
 * it records. Account changes are not roadmap history: the history is read by anyone who may
 * read the roadmap, the account log by admins only (docs/decisions/0010-account-log.md).
 */
export async function appendAccountEvent(tx: Tx, at: string, event: AccountEvent): Promise<void> {
  await tx.insert(accountEvents).values({
    at,
    actorId: event.actorId,
    userId: event.userId,
    action: event.action,
    fromRole: event.fromRole ?? null,
    toRole: event.toRole ?? null,
  });
}

const person = { id: users.id, login: users.login, displayName: users.displayName };

/** Newest first, a page at a time, each event naming the account and who changed it. */
export async function listAccountEvents(db: Db, filter: AccountEventFilter) {
  const rows = await db
    .select({
      id: accountEvents.id,
      at: accountEvents.at,
      action: accountEvents.action,
      fromRole: accountEvents.fromRole,
      toRole: accountEvents.toRole,
      actorId: accountEvents.actorId,
      user: person,
    })
    .from(accountEvents)
    .innerJoin(users, eq(users.id, accountEvents.userId))
    .where(filter.cursor ? lt(accountEvents.id, filter.cursor) : undefined)
    .orderBy(desc(accountEvents.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  // The authors are a handful of admins: one lookup instead of a second join of users.
  const actorIds = [...new Set(page.flatMap((r) => (r.actorId === null ? [] : [r.actorId])))];
  const actors = actorIds.length ? await db.select(person).from(users).where(inArray(users.id, actorIds)) : [];
  const byId = new Map(actors.map((a) => [a.id, a]));
  return {
    rows: page.map(({ actorId, ...row }) => ({ ...row, actor: actorId === null ? null : (byId.get(actorId) ?? null) })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
