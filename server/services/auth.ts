import { eq } from 'drizzle-orm';
import type { SessionUser } from '../../shared/user';
import type { Context } from '../context';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { issueDeviceToken, knownDeviceOf } from './known-devices';
import { verifyPassword } from './passwords';
import { createSession, deleteEndedSessions, revokeSession } from './sessions';

/**
 * Checks a login and password, opens a new session (a new token at every login, so a token
 * planted before login is worthless) and sets its cookie. Failures say the same thing whether
 * the login exists or not, and are logged without the password.
 */
export async function logIn(ctx: Context, input: { login: string; password: string }): Promise<SessionUser> {
  const { db, throttle, request } = ctx;
  const login = input.login.trim().toLowerCase();
  // A browser that signed in as this login before is held to its own failures only.
  const device = await knownDeviceOf(db, request.deviceToken, login);
  const wait = await throttle.retryAfter(db, request.address, login, Date.now(), device);
  if (wait > 0) {
    request.log.warn(
      { login, address: request.address, knownDevice: Boolean(device) },
      'login refused: too many attempts',
    );
    throw new AppError('RATE_LIMITED', 'errors.tooManyAttempts', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const [user] = await db
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.login, login));
  const usable = user && user.disabledAt === null ? user : null;
  const ok = await verifyPassword(usable?.passwordHash ?? null, input.password);
  if (!ok || !usable) {
    await throttle.recordFailure(db, request.address, login, Date.now(), device);
    request.log.warn(
      { login, address: request.address, known: Boolean(user), knownDevice: Boolean(device) },
      'login failed',
    );
    throw new AppError('NOT_LOGGED_IN', 'errors.badCredentials');
  }
  await throttle.recordSuccess(db, request.address, login, device);
  // Housekeeping rides on logins: they are rare, and each one may leave an ended session behind.
  await deleteEndedSessions(db, ctx.sessionPolicy);
  if (request.sessionToken) await revokeSession(db, request.sessionToken);
  const session = await createSession(db, usable.id, ctx.sessionPolicy);
  request.setSessionCookie(session.token, session.expiresAt);
  // A fresh device token at each login: its age restarts, and a copied old one is worth less.
  const deviceToken = await issueDeviceToken(db, login);
  request.setDeviceCookie(deviceToken.token, deviceToken.expiresAt);
  request.log.info({ userId: usable.id, login, address: request.address }, 'login');
  return { id: usable.id, login: usable.login, displayName: usable.displayName, role: usable.role };
}

/** Ends the session on the server, not only in the browser: the old cookie opens nothing after this. */
export async function logOut(ctx: Context): Promise<void> {
  if (ctx.request.sessionToken) await revokeSession(ctx.db, ctx.request.sessionToken);
  ctx.request.clearSessionCookie();
  if (ctx.user) ctx.request.log.info({ userId: ctx.user.id }, 'logout');
}
