import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appMeta } from '../db/schema';
import { writeTransaction } from '../db/transaction';

/**
 * Browsers that have signed in before. After a successful login the browser gets a device
 * token: the login, a random device id and the time, signed with HMAC-SHA256. The login
 * throttle holds such a browser to its own failures only, so strangers failing from other
 * addresses cannot lock the owner out (services/login-throttle.ts). The signing key is made
 * once and kept in the database (app_meta), so every app server on it honours a token
 * another one issued; it moves with the data on db:copy and backups.
 */

const KEY_NAME = 'device_token_key';
/** A token older than this is a stranger again: the owner signs in once more and gets a new one. */
export const DEVICE_TOKEN_DAYS = 180;

const keys = new WeakMap<object, Promise<Buffer>>();

/** The signing key of the database `db` belongs to, made by the first server that needs it. */
function signingKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      const read = async () =>
        (await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, KEY_NAME)))[0]?.value;
      let value = await read();
      if (!value) {
        // Two servers starting together both try; the first insert wins and both read it back.
        await writeTransaction(db, (tx) =>
          tx
            .insert(appMeta)
            .values({ key: KEY_NAME, value: randomBytes(32).toString('base64url') })
            .onConflictDoNothing(),
        );
        value = await read();
      }
      if (!value) throw new Error('known-devices: the signing key could not be stored');
      return Buffer.from(value, 'base64url');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

interface DevicePayload {
  /** The login signed in with. */
  l: string;
  /** The device: random, so its own failures can be counted apart from everyone else's. */
  d: string;
  /** Issued, in seconds since the epoch. */
  t: number;
}

/** A new device token for `login`, and when the cookie holding it should expire. */
export async function issueDeviceToken(db: Db, login: string, now = new Date()) {
  const payload: DevicePayload = {
    l: login,
    d: randomBytes(12).toString('base64url'),
    t: Math.floor(now.getTime() / 1000),
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const token = `${encoded}.${sign(await signingKey(db), encoded)}`;
  return { token, expiresAt: new Date(now.getTime() + DEVICE_TOKEN_DAYS * 86_400_000) };
}

/**
 * The device id of a token that this database signed for `login` and that has not expired, or
 * null: a missing, forged, altered, expired or other login's token is a stranger's.
 */
export async function knownDeviceOf(db: Db, token: string | null, login: string, now = new Date()) {
  if (!token || token.length > 512) return null;
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(await signingKey(db), encoded));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as DevicePayload;
    const age = now.getTime() / 1000 - payload.t;
    if (payload.l !== login || typeof payload.d !== 'string' || !(age >= 0 && age < DEVICE_TOKEN_DAYS * 86_400)) {
      return null;
    }
    return payload.d;
  } catch {
    return null;
  }
}
