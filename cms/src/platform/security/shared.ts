/**
 * The limits and the spent confirmation tokens, kept where every CMS process sees them: in the database
 * the CMS already runs on. Two processes behind a balancer then enforce one limit per client, and a
 * token spent on one cannot be spent again on the other (nor after a restart).
 *
 * The limiter is rate-limiter-flexible's (its PostgreSQL and SQLite stores, on Strapi's own Knex): an
 * atomic upsert per attempt, a fixed window per client from its first counted attempt, and its own
 * sweep of expired rows. The spent tokens are one primary-keyed row each: the insert that wins is the
 * one use. The in-memory versions (rate-limit.ts, single-use.ts) keep the same contract for unit tests.
 */
import type { Knex } from 'knex';
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { isPostgres, isUniqueViolation, tableOnce } from '../coordination/tables';
import { SlidingWindowLimiter, type LimitOptions } from './rate-limit';
import { SingleUseTokens } from './single-use';

/** A slot taken (to give back if the attempt ends up not counting), or how long to wait. */
export type Taken = { ok: true; release(): Promise<void> } | { ok: false; retryAfterMs: number };

export interface Limiter extends LimitOptions {
  /** Takes a slot for the key atomically: concurrent attempts cannot all pass before one is counted. */
  take(key: string): Promise<Taken>;
}

export interface TokenLedger {
  /** True the first time a token id is presented before it expires, false ever after. */
  consume(tokenId: string, expiresAt: number, now: number): Promise<boolean>;
}

/** The in-memory limiter (one process; unit tests and their fake clock). */
export function memoryLimiter(options: LimitOptions, now: () => number = Date.now): Limiter {
  const window = new SlidingWindowLimiter(options.limit, options.windowMs);
  return {
    ...options,
    async take(key) {
      const at = now();
      const retryAfterMs = window.retryAfter(key, at);
      if (retryAfterMs > 0) return { ok: false, retryAfterMs };
      const release = window.take(key, at);
      return { ok: true, release: async () => release() };
    },
  };
}

export function memoryTokens(): TokenLedger {
  const used = new SingleUseTokens();
  return { consume: async (id, expiresAt, now) => used.consume(id, expiresAt, now) };
}

export const RATE_LIMIT_TABLE = 'coesione_rate_limits';
export const USED_TOKEN_TABLE = 'coesione_used_tokens';

/** `name` keeps each limit's keys apart in the one table. */
export function databaseLimiter(knex: () => Knex, name: string, options: LimitOptions): Limiter {
  let ready: Promise<RateLimiterAbstract> | undefined;
  const store = (): Promise<RateLimiterAbstract> =>
    (ready ??= new Promise<RateLimiterAbstract>((resolve, reject) => {
      const db = knex();
      const Store = isPostgres(db) ? RateLimiterPostgres : RateLimiterSQLite;
      const limiter: RateLimiterAbstract = new Store(
        { storeClient: db, storeType: 'knex', tableName: RATE_LIMIT_TABLE, keyPrefix: name, points: options.limit, duration: options.windowMs / 1000 },
        (error?: Error) => (error ? reject(error) : resolve(limiter)),
      );
    }).catch((error: unknown) => {
      ready = undefined; // the next attempt tries to create the table again
      throw error;
    }));
  return {
    ...options,
    async take(key) {
      const limiter = await store();
      try {
        await limiter.consume(key, 1);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
        throw refusal;
      }
      return { ok: true, release: async () => void (await limiter.reward(key, 1)) };
    },
  };
}

export function databaseTokens(knex: () => Knex, sweepEveryMs = 60_000): TokenLedger {
  let nextSweep = 0;
  const table = tableOnce(knex, USED_TOKEN_TABLE, (t) => {
    t.string('token_id', 64).primary();
    t.bigInteger('expires_at').notNullable().index();
  });
  return {
    async consume(tokenId, expiresAt, at) {
      await table();
      if (at >= nextSweep) {
        nextSweep = at + sweepEveryMs;
        await knex()(USED_TOKEN_TABLE).where('expires_at', '<', at).delete();
      }
      if (expiresAt < at) return false;
      try {
        await knex()(USED_TOKEN_TABLE).insert({ token_id: tokenId, expires_at: expiresAt });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
