import { and, count, gt, inArray, lte, min } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginFailures } from '../db/schema';
import { writeTransaction } from '../db/transaction';

/**
 * Slows password guessing without letting an attacker lock a planner out. A stranger (a
 * browser that never signed in as this login) is counted per address and per (address,
 * login): a guesser at one address is stopped there. Failures for one login from many
 * addresses are counted too, but past that limit only addresses that already failed for the
 * login are refused, never a fresh one. A known device (one that signed in as this login
 * before, services/known-devices.ts) is held to its own failures only, so strangers failing
 * from other addresses, or from the office's shared address, never lock its owner out; a
 * stolen device cookie still gets no more than `perDevice` guesses. The failures live in the
 * database, so every app server in front of it counts the same ones.
 */
export interface ThrottleLimits {
  windowMs: number;
  perAddress: number;
  perAddressAndLogin: number;
  perLogin: number;
  perDevice: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  windowMs: 15 * 60 * 1000,
  perAddress: 30,
  perAddressAndLogin: 5,
  perLogin: 50,
  perDevice: 5,
};

function keysOf(address: string, login: string, device: string | null = null) {
  const name = login.toLowerCase();
  return {
    address: `a:${address}`,
    pair: `p:${address}:${name}`,
    login: `l:${name}`,
    ...(device ? { device: `d:${device}` } : {}),
  };
}

export class LoginThrottle {
  private readonly limits: ThrottleLimits;

  /** Limits not given keep their defaults. */
  constructor(limits: Partial<ThrottleLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /**
   * Milliseconds to wait before another attempt, or 0 when the attempt may go ahead. `device`:
   * the id of a known device signed in as this login before, or null for a stranger.
   */
  async retryAfter(
    db: Db,
    address: string,
    login: string,
    now = Date.now(),
    device: string | null = null,
  ): Promise<number> {
    const keys = keysOf(address, login, device);
    const rows = await db
      .select({ key: loginFailures.key, n: count(), first: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(inArray(loginFailures.key, Object.values(keys)), gt(loginFailures.at, now - this.limits.windowMs)))
      .groupBy(loginFailures.key);
    const of = (key: string) => rows.find((r) => r.key === key) ?? { n: 0, first: now };
    const byAddress = of(keys.address);
    const byPair = of(keys.pair);
    const byLogin = of(keys.login);
    const blocking = keys.device
      ? [of(keys.device)].filter((byDevice) => byDevice.n >= this.limits.perDevice)
      : [
          byAddress.n >= this.limits.perAddress ? byAddress : null,
          byPair.n >= this.limits.perAddressAndLogin ? byPair : null,
          byLogin.n >= this.limits.perLogin && byPair.n > 0 ? byLogin : null,
        ].filter((b) => b !== null);
    if (!blocking.length) return 0;
    return Math.max(...blocking.map((b) => Number(b.first ?? now) + this.limits.windowMs - now));
  }

  async recordFailure(
    db: Db,
    address: string,
    login: string,
    now = Date.now(),
    device: string | null = null,
  ): Promise<void> {
    const keys = Object.values(keysOf(address, login, device));
    await writeTransaction(db, async (tx) => {
      // Forgotten as met: a row past the window never counts again.
      await tx
        .delete(loginFailures)
        .where(and(inArray(loginFailures.key, keys), lte(loginFailures.at, now - this.limits.windowMs)));
      await tx.insert(loginFailures).values(keys.map((key) => ({ key, at: now })));
    });
  }

  /** A success clears the pair and the device, so a planner who mistyped twice starts afresh. */
  async recordSuccess(db: Db, address: string, login: string, device: string | null = null): Promise<void> {
    const { pair, device: deviceKey } = keysOf(address, login, device);
    await writeTransaction(db, (tx) =>
      tx.delete(loginFailures).where(inArray(loginFailures.key, deviceKey ? [pair, deviceKey] : [pair])),
    );
  }
}
