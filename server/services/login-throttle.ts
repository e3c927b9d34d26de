import { and, count, eq, gt, inArray, lte, min } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginFailures } from '../db/schema';
import { writeTransaction } from '../db/transaction';

/**
 * Slows password guessing without letting an attacker lock a planner out. Failures are
 * counted per address and per (address, login): a guesser at one address is stopped there,
 * while the planner, from their own address, still gets in. Failures for one login from many
 * addresses are counted too, but past that limit only addresses that already failed for the
 * login are refused, never a fresh one. The failures live in the database, so every app
 * server in front of it counts the same ones.
 */
export interface ThrottleLimits {
  windowMs: number;
  perAddress: number;
  perAddressAndLogin: number;
  perLogin: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  windowMs: 15 * 60 * 1000,
  perAddress: 30,
  perAddressAndLogin: 5,
  perLogin: 50,
};

function keysOf(address: string, login: string) {
  const name = login.toLowerCase();
  return { address: `a:${address}`, pair: `p:${address}:${name}`, login: `l:${name}` };
}

export class LoginThrottle {
  constructor(private readonly limits: ThrottleLimits = DEFAULT_LIMITS) {}

  /** Milliseconds to wait before another attempt, or 0 when the attempt may go ahead. */
  async retryAfter(db: Db, address: string, login: string, now = Date.now()): Promise<number> {
    const keys = keysOf(address, login);
    const rows = await db
      .select({ key: loginFailures.key, n: count(), first: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(inArray(loginFailures.key, Object.values(keys)), gt(loginFailures.at, now - this.limits.windowMs)))
      .groupBy(loginFailures.key);
    const of = (key: string) => rows.find((r) => r.key === key) ?? { n: 0, first: now };
    const byAddress = of(keys.address);
    const byPair = of(keys.pair);
    const byLogin = of(keys.login);
    const blocking = [
      byAddress.n >= this.limits.perAddress ? byAddress : null,
      byPair.n >= this.limits.perAddressAndLogin ? byPair : null,
      byLogin.n >= this.limits.perLogin && byPair.n > 0 ? byLogin : null,
    ].filter((b) => b !== null);
    if (!blocking.length) return 0;
    return Math.max(...blocking.map((b) => Number(b.first ?? now) + this.limits.windowMs - now));
  }

  async recordFailure(db: Db, address: string, login: string, now = Date.now()): Promise<void> {
    const keys = Object.values(keysOf(address, login));
    await writeTransaction(db, async (tx) => {
      // Forgotten as met: a row past the window never counts again.
      await tx
        .delete(loginFailures)
        .where(and(inArray(loginFailures.key, keys), lte(loginFailures.at, now - this.limits.windowMs)));
      await tx.insert(loginFailures).values(keys.map((key) => ({ key, at: now })));
    });
  }

  /** A success clears the pair, so a planner who mistyped twice starts afresh. */
  async recordSuccess(db: Db, address: string, login: string): Promise<void> {
    const { pair } = keysOf(address, login);
    await writeTransaction(db, (tx) => tx.delete(loginFailures).where(eq(loginFailures.key, pair)));
  }
}
