import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { userCreateSchema } from '../../shared/auth';
import type { UserRole } from '../../shared/user';
import { type Db, writeTransaction } from '../db/client';
import { users } from '../db/schema/user';
import { AppError } from '../errors';
import { appendHistory } from './history';
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
  return db.select(publicColumns).from(users).orderBy(asc(users.login)).all();
}

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

function findByLogin(db: Db, login: string) {
  const user = db.select(publicColumns).from(users).where(eq(users.login, login.toLowerCase())).get();
  if (!user) throw new AppError('NOT_FOUND', 'errors.userNotFound', { login });
  return user;
}

export async function addUser(db: Db, actor: Actor, input: z.infer<typeof userCreateSchema>) {
  // Hashing is slow on purpose and async; it runs before the transaction, which stays synchronous.
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  return writeTransaction(db, (tx) => {
    const login = input.login.toLowerCase();
    if (tx.select({ id: users.id }).from(users).where(eq(users.login, login)).get()) {
      throw new AppError('INVALID', 'errors.loginTaken', { login });
    }
    const created = tx
      .insert(users)
      .values({ login, displayName: input.displayName, role: input.role, passwordHash, createdAt: now })
      .returning(publicColumns)
      .get();
    appendHistory(tx, now, [
      {
        userId: actor?.id ?? null,
        entity: 'user',
        entityId: created.id,
        action: 'create',
        to: { login, displayName: input.displayName, role: input.role },
        reason: 'user.add',
      },
    ]);
    return created;
  });
}

export function setUserRole(db: Db, actor: Actor, login: string, role: UserRole) {
  const now = new Date().toISOString();
  return writeTransaction(db, (tx) => {
    const user = findByLogin(tx, login);
    if (user.role === role) return user;
    tx.update(users).set({ role }).where(eq(users.id, user.id)).run();
    appendHistory(tx, now, [
      {
        userId: actor?.id ?? null,
        entity: 'user',
        entityId: user.id,
        action: 'update',
        field: 'role',
        from: user.role,
        to: role,
        reason: 'user.set-role',
      },
    ]);
    return { ...user, role };
  });
}

/** Disabling ends the user's sessions at once; the account and what it wrote stay. */
export function setUserDisabled(db: Db, actor: Actor, login: string, disabled: boolean) {
  const now = new Date();
  return writeTransaction(db, (tx) => {
    const user = findByLogin(tx, login);
    const disabledAt = disabled ? (user.disabledAt ?? now.toISOString()) : null;
    tx.update(users).set({ disabledAt }).where(eq(users.id, user.id)).run();
    if (disabled) revokeUserSessions(tx, user.id, now);
    appendHistory(tx, now.toISOString(), [
      {
        userId: actor?.id ?? null,
        entity: 'user',
        entityId: user.id,
        action: 'update',
        field: 'disabled',
        from: user.disabledAt !== null,
        to: disabled,
        reason: disabled ? 'user.disable' : 'user.enable',
      },
    ]);
    return { ...user, disabledAt };
  });
}

export async function resetPassword(db: Db, actor: Actor, login: string, password: string) {
  const passwordHash = await hashPassword(password);
  const now = new Date();
  return writeTransaction(db, (tx) => {
    const user = findByLogin(tx, login);
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    revokeUserSessions(tx, user.id, now);
    appendHistory(tx, now.toISOString(), [
      {
        userId: actor?.id ?? null,
        entity: 'user',
        entityId: user.id,
        action: 'update',
        field: 'password',
        reason: 'user.reset-password',
      },
    ]);
    return user;
  });
}
