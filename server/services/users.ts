import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { userCreateSchema } from '../../shared/auth';
import type { UserRole } from '../../shared/user';
import { publishChange } from '../db/change-feed';
import type { Db, Tx } from '../db/client';
import { users } from '../db/schema';
import { writeTransaction } from '../db/transaction';
import { AppError } from '../errors';
import { appendAccountEvent } from './account-events';
import { hashPassword } from './passwords';
import { revokeUserSessions } from './sessions';

/** Who did it: a logged-in admin, or null for the command line on the server itself. */
type Actor = { id: number } | null;

const publicColumns = {
  id: users.id,
  login: users.login,
  displayName: users.displayName,
  role: users.role,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export function listUsers(db: Db) {
  return db.select(publicColumns).from(users).orderBy(asc(users.login));
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

async function findByLogin(db: Db, login: string) {
  const [user] = await db.select(publicColumns).from(users).where(eq(users.login, login.toLowerCase()));
  if (!user) throw new AppError('NOT_FOUND', 'errors.userNotFound', { login });
  return user;
}

/**
 * The office must keep one account that can manage users: an active admin may be disabled or
 * demoted only while another active admin remains. Checked inside the write transaction, where
 * writers are serialised, so two admins demoting each other at once cannot both succeed.
 */
async function keepLastAdmin(tx: Tx, user: { id: number; login: string; role: UserRole; disabledAt: string | null }) {
  if (user.role !== 'admin' || user.disabledAt !== null) return;
  const [others] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, user.id)));
  if (Number(others?.n ?? 0) === 0) throw new AppError('INVALID', 'errors.lastAdmin', { login: user.login });
}

/**
 * Tells the open pages that an account changed, once the change is committed: the user's own
 * page refetches its session (a demoted planner's edit controls go, a disabled user is signed
 * out), an admin's its user list. On PostgreSQL through NOTIFY, so every app server hears it.
 */
function announce(tx: Tx, userId: number, at: string): Promise<void> {
  return publishChange(tx, { milestoneId: null, version: null, at, accountId: userId });
}

export async function addUser(db: Db, actor: Actor, input: z.infer<typeof userCreateSchema>) {
  // Hashing is slow on purpose; it runs before the transaction, so writers do not queue behind it.
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  const created = await writeTransaction(db, async (tx) => {
    const login = input.login.toLowerCase();
    // Race-free: writers are serialised (writeTransaction), so no other server adds it meanwhile.
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, login));
    if (taken) {
      throw new AppError('INVALID', 'errors.loginTaken', { login });
    }
    const [row] = await tx
      .insert(users)
      .values({ login, displayName: input.displayName, role: input.role, passwordHash, createdAt: now })
      .returning(publicColumns);
    if (!row) throw new Error('users: the insert returned no row');
    await appendAccountEvent(tx, now, {
      actorId: actor?.id ?? null,
      userId: row.id,
      action: 'added',
      toRole: input.role,
    });
    await announce(tx, row.id, now);
    return row;
  });
  return created;
}

export async function setUserRole(db: Db, actor: Actor, login: string, role: UserRole) {
  const now = new Date().toISOString();
  return writeTransaction(db, async (tx) => {
    const user = await findByLogin(tx, login);
    if (user.role === role) return user;
    if (role !== 'admin') await keepLastAdmin(tx, user);
    await tx.update(users).set({ role }).where(eq(users.id, user.id));
    await appendAccountEvent(tx, now, {
      actorId: actor?.id ?? null,
      userId: user.id,
      action: 'role_changed',
      fromRole: user.role,
      toRole: role,
    });
    await announce(tx, user.id, now);
    return { ...user, role };
  });
}

/** Disabling ends the user's sessions at once; the account and what it wrote stay. */
export async function setUserDisabled(db: Db, actor: Actor, login: string, disabled: boolean) {
  const now = new Date();
  return writeTransaction(db, async (tx) => {
    const user = await findByLogin(tx, login);
    if (disabled) await keepLastAdmin(tx, user);
    const disabledAt = disabled ? (user.disabledAt ?? now.toISOString()) : null;
    await tx.update(users).set({ disabledAt }).where(eq(users.id, user.id));
    if (disabled) await revokeUserSessions(tx, user.id, now);
    // Disabling a disabled account (or enabling an active one) changes nothing worth a line.
    const changed = (user.disabledAt !== null) !== disabled;
    if (changed) {
      await appendAccountEvent(tx, now.toISOString(), {
        actorId: actor?.id ?? null,
        userId: user.id,
        action: disabled ? 'disabled' : 'enabled',
      });
      await announce(tx, user.id, now.toISOString());
    }
    return { ...user, disabledAt };
  });
}

export async function resetPassword(db: Db, actor: Actor, login: string, password: string) {
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const user = await writeTransaction(db, async (tx) => {
    const user = await findByLogin(tx, login);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id, now);
    await appendAccountEvent(tx, now.toISOString(), {
      actorId: actor?.id ?? null,
      userId: user.id,
      action: 'password_reset',
    });
    // Its sessions ended: an open page of the user learns it is signed out.
    await announce(tx, user.id, now.toISOString());
    return user;
  });
  return user;
}
