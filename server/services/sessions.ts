import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { SessionUser } from '../context';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { sessions, users } from '../db/schema/user';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after login, used or not. */
  absoluteMs: number;
}

/** Writing last-seen at most this often keeps reads from turning into writes. */
const TOUCH_EVERY_MS = 60_000;

/** Only this hash is stored: a copy of the database opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: Db, userId: number, policy: SessionPolicy, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  db.insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    })
    .run();
  return { token, expiresAt };
}

/** The user behind a session token, or null when the session is unknown, revoked, expired or its user disabled. */
export function resolveSession(db: Db, token: string, policy: SessionPolicy, now = new Date()): SessionUser | null {
  const row = prepared(db, 'session-user', (db) =>
    db
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
      .where(
        and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt), isNull(users.disabledAt)),
      )
      .prepare(),
  ).get({ tokenHash: hashToken(token) });
  if (!row) return null;
  const lastSeen = Date.parse(row.lastSeenAt);
  if (now.getTime() >= Date.parse(row.expiresAt) || now.getTime() - lastSeen >= policy.idleMs) return null;
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, row.sessionId)).run();
  }
  return { id: row.id, login: row.login, displayName: row.displayName, role: row.role };
}

export function revokeSession(db: Db, token: string, now = new Date()): void {
  db.update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
    .run();
}

export function revokeUserSessions(db: Db, userId: number, now = new Date()): void {
  db.update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run();
}
