import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, lte, notInArray, or } from 'drizzle-orm';
import type { SessionUser } from '../../shared/user';
import type { Db, Tx } from '../db/client';
import { sessions, users } from '../db/schema';
import { writeTransaction } from '../db/transaction';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after login, used or not. */
  absoluteMs: number;
  /** Sessions one user may hold; a login past it ends the oldest. Unset: no cap (tools, tests). */
  maxPerUser?: number;
}

/** Writing last-seen at most this often keeps reads from turning into writes. */
const TOUCH_EVERY_MS = 60_000;

/** Only this hash is stored: a copy of the database opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: number, policy: SessionPolicy, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await writeTransaction(db, async (tx) => {
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    if (policy.maxPerUser) await endOldestSessions(tx, userId, policy.maxPerUser);
  });
  return { token, expiresAt };
}

/**
 * A user keeps at most `max` sessions: the newest. A stolen cookie or a script logging in in a
 * loop cannot pile up sessions, and the table stays as small as the office. The ones past it
 * are deleted, which ends them (resolveSession finds no row).
 */
async function endOldestSessions(tx: Tx, userId: number, max: number): Promise<void> {
  const newest = tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(max);
  const keep = (await newest).map((s) => s.id);
  await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep.length ? notInArray(sessions.id, keep) : undefined));
}

/**
 * Deletes every session that can no longer open anything: logged out or revoked, past its
 * absolute expiry, or unused for longer than the idle limit. Run at each login and on a timer
 * by every app server (server/http/app.ts); running twice at once deletes nothing twice.
 * Returns how many rows went.
 */
export async function deleteEndedSessions(db: Db, policy: SessionPolicy, now = new Date()): Promise<number> {
  const idleSince = new Date(now.getTime() - policy.idleMs).toISOString();
  const deleted = await writeTransaction(db, (tx) =>
    tx
      .delete(sessions)
      .where(
        or(
          isNotNull(sessions.revokedAt),
          lte(sessions.expiresAt, now.toISOString()),
          lte(sessions.lastSeenAt, idleSince),
        ),
      )
      .returning({ id: sessions.id }),
  );
  return deleted.length;
}

/** The user behind a session token, or null when the session is unknown, revoked, expired or its user disabled. */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), isNull(users.disabledAt)));
  if (!row) return null;
  const lastSeen = Date.parse(row.lastSeenAt);
  if (now.getTime() >= Date.parse(row.expiresAt) || now.getTime() - lastSeen >= policy.idleMs) return null;
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
    await writeTransaction(db, (tx) =>
      tx.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, row.sessionId)),
    );
  }
  return { id: row.id, login: row.login, displayName: row.displayName, role: row.role };
}

export async function revokeSession(db: Db, token: string, now = new Date()): Promise<void> {
  await writeTransaction(db, (tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt))),
  );
}

export async function revokeUserSessions(tx: Tx, userId: number, now = new Date()): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
