import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { SessionUser } from '../../shared/user';
import type { Db, Tx } from '../db/client';
import { sessions, users } from '../db/schema';
import { writeTransaction } from '../db/transaction';

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

export async function createSession(db: Db, userId: number, policy: SessionPolicy, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await writeTransaction(db, (tx) =>
    tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }),
  );
  return { token, expiresAt };
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
