/**
 * Login throttling in memory only (the client address is a map key here and nowhere else:
 * never stored, never logged). Per account: 5 failures in 15 minutes lock it for 15 minutes;
 * per client: 20 failures in 15 minutes.
 */
export class LoginThrottle {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly perAccount = 5,
    private readonly perClient = 20,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before another attempt for this account or client, 0 when allowed. */
  retryAfter(account: string, client: string, now = Date.now()): number {
    const a = this.recent(`a:${account}`, now);
    const c = this.recent(`c:${client}`, now);
    const waits: number[] = [];
    if (a.length >= this.perAccount) waits.push(a[a.length - this.perAccount]! + this.windowMs - now);
    if (c.length >= this.perClient) waits.push(c[c.length - this.perClient]! + this.windowMs - now);
    return waits.length ? Math.ceil(Math.max(...waits) / 1000) : 0;
  }

  fail(account: string, client: string, now = Date.now()): void {
    for (const key of [`a:${account}`, `c:${client}`]) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(account: string): void {
    this.failures.delete(`a:${account}`);
  }
}
