/**
 * A sliding-window counter per key, in memory, for one process: the unit tests' limiter (through
 * shared.ts's memoryLimiter). The running CMS keeps its limits in the database (shared.ts), so that
 * several processes enforce one limit.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private sweeps = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length > 0) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Milliseconds until the key may try again, or 0 when it is under the limit. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    return Math.max(1, this.windowMs - (now - (list[list.length - this.limit] ?? now)));
  }

  /**
   * Takes a slot synchronously (so concurrent requests cannot all pass the check before any is counted).
   * Returns a function that gives the slot back, for a request that ends up storing nothing.
   */
  take(key: string, now = Date.now()): () => void {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.set(key, list);
    if (++this.sweeps % 1000 === 0) this.sweep(now);
    return () => {
      const current = this.hits.get(key);
      const at = current?.lastIndexOf(now) ?? -1;
      if (current && at >= 0) current.splice(at, 1);
    };
  }

  /** Forgets keys whose window has passed, so memory follows the number of recent clients. */
  private sweep(now: number): void {
    for (const key of [...this.hits.keys()]) this.recent(key, now);
  }
}

/** A budget of `limit` attempts per `windowMs`, per client. */
export interface LimitOptions {
  limit: number;
  windowMs: number;
}

/**
 * A count or a duration from the environment. Unset, empty, negative or not a number gives the default:
 * a typo in a limit must not turn the limit off.
 */
export function envNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** The limit on the authentication endpoints: 10 counted attempts per 15 minutes by default. */
export function authLimitOptions(env: NodeJS.ProcessEnv = process.env): LimitOptions {
  return { limit: envNumber(env.AUTH_RATE_LIMIT, 10), windowMs: envNumber(env.AUTH_RATE_WINDOW_MS, 900_000) };
}
