/**
 * Slows password guessing without letting an attacker lock a planner out. Failures are
 * counted per address and per (address, login): a guesser at one address is stopped there,
 * while the planner, from their own address, still gets in. Failures for one login from many
 * addresses are counted too, but past that limit only addresses that already failed for the
 * login are refused, never a fresh one.
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

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_LIMITS) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds to wait before another attempt, or 0 when the attempt may go ahead. */
  retryAfter(address: string, login: string, now = Date.now()): number {
    const byAddress = this.recent(`a:${address}`, now);
    const byPair = this.recent(`p:${address}:${login.toLowerCase()}`, now);
    const byLogin = this.recent(`l:${login.toLowerCase()}`, now);
    const blocking = [
      byAddress.length >= this.limits.perAddress ? byAddress : null,
      byPair.length >= this.limits.perAddressAndLogin ? byPair : null,
      byLogin.length >= this.limits.perLogin && byPair.length > 0 ? byLogin : null,
    ].filter((l): l is number[] => l !== null);
    if (!blocking.length) return 0;
    return Math.max(...blocking.map((l) => (l[0] ?? now) + this.limits.windowMs - now));
  }

  recordFailure(address: string, login: string, now = Date.now()): void {
    for (const key of [`a:${address}`, `p:${address}:${login.toLowerCase()}`, `l:${login.toLowerCase()}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
  }

  /** A success clears the pair, so a planner who mistyped twice starts afresh. */
  recordSuccess(address: string, login: string): void {
    this.failures.delete(`p:${address}:${login.toLowerCase()}`);
  }
}
