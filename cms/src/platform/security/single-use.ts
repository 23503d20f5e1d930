/**
 * The memory of confirmation tokens already accepted, so each one confirms one submission only: in
 * memory, for one process (the unit tests, through shared.ts's memoryTokens). The running CMS keeps
 * them in the database (shared.ts), where a restart or a second process cannot forget them.
 */
export class SingleUseTokens {
  /** Token id → the time after which the token is refused anyway, so it need not be remembered. */
  private readonly used = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    /** How often the expired entries are dropped: often enough to bound memory, rarely enough to be cheap. */
    readonly sweepEveryMs = 60_000,
  ) {}

  /**
   * True the first time a token id is presented before it expires, false ever after (and for a token
   * already expired). Synchronous, so two concurrent requests with one token cannot both pass.
   */
  consume(tokenId: string, expiresAt: number, now = Date.now()): boolean {
    if (now >= this.nextSweep) this.sweep(now);
    if (expiresAt < now || this.used.has(tokenId)) return false;
    this.used.set(tokenId, expiresAt);
    return true;
  }

  /** Tokens remembered now (for tests and monitoring). */
  get size(): number {
    return this.used.size;
  }

  private sweep(now: number): void {
    for (const [id, expiresAt] of this.used) if (expiresAt < now) this.used.delete(id);
    this.nextSweep = now + this.sweepEveryMs;
  }
}
