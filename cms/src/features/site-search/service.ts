/**
 * The search behind `GET /api/cerca`: the limit per client, the query, Meilisearch, and the CMS's own
 * content when Meilisearch cannot answer. Returns a value; the controller renders it (an Italian page for
 * a browser with no JavaScript, JSON for the island when its own search fails).
 */
import { wantsSuggestion, type Speller } from '@coesione/model';
import { HITS_PER_PAGE, type SearchAnswer } from '@coesione/search';
import { envNumber, memoryLimiter, type Limiter, type LimitOptions } from '../../platform/security';
import { parseQuery, type QueryError, type SearchQuery } from './query';
import type { Engine } from './engines';

export type SiteSearchResult =
  | { outcome: 'results'; query: SearchQuery; answer: SearchAnswer }
  | { outcome: 'invalid'; query: SearchQuery; errors: QueryError[] }
  | { outcome: 'rate-limited'; retryAfterMs: number; limit: number; windowMs: number };

export interface SiteSearchDeps {
  /** Meilisearch; none when the CMS has no Meilisearch configured (then every answer is reduced). */
  primary?: Engine;
  fallback: Engine;
  limit: LimitOptions;
  log: { warn(message: string): void };
  now?: () => number;
  /** Counts `limit`: the database's in the CMS (shared by its processes), memory by default. */
  limiter?: Limiter;
  /** The speller of «Forse cercavi…»; without one, no suggestion. */
  speller?: () => Promise<Speller>;
}

/** Searches per client per window: a person paging through results never meets it, a scraper does. */
export function searchLimitOptions(env: NodeJS.ProcessEnv = process.env): LimitOptions {
  return { limit: envNumber(env.SEARCH_RATE_LIMIT, 60), windowMs: envNumber(env.SEARCH_RATE_WINDOW_MS, 60_000) };
}

export function createSiteSearch({ primary, fallback, limit, log, now = Date.now, limiter = memoryLimiter(limit, now), speller }: SiteSearchDeps) {
  let lastWarning = 0;

  const suggest = async (query: SearchQuery, completeHits: number): Promise<string | null> => {
    if (!speller || !wantsSuggestion(query.q, completeHits)) return null;
    try {
      return (await speller()).correct(query.q);
    } catch (error) {
      // The results stand without a suggestion.
      log.warn(`site search: no vocabulary for «Forse cercavi» (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'})`);
      return null;
    }
  };

  const answer = async (query: SearchQuery): Promise<SearchAnswer> => {
    if (primary) {
      try {
        const { hits, totalHits, completeHits } = await primary(query);
        return { hits, totalHits, page: query.page, totalPages: Math.ceil(totalHits / HITS_PER_PAGE), reduced: false, suggestion: await suggest(query, completeHits) };
      } catch (error) {
        // One line a minute during an outage, without the query (it is the citizen's own words).
        if (now() - lastWarning > 60_000) {
          lastWarning = now();
          log.warn(`site search: Meilisearch unavailable, answering from the CMS (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'})`);
        }
      }
    }
    const { hits, totalHits, completeHits } = await fallback(query);
    return { hits, totalHits, page: query.page, totalPages: Math.ceil(totalHits / HITS_PER_PAGE), reduced: true, suggestion: await suggest(query, completeHits) };
  };

  return {
    async search(params: Record<string, unknown>, client: string): Promise<SiteSearchResult> {
      const slot = await limiter.take(client);
      if (!slot.ok) return { outcome: 'rate-limited', retryAfterMs: slot.retryAfterMs, limit: limit.limit, windowMs: limit.windowMs };
      const parsed = parseQuery(params);
      if (!parsed.ok) return { outcome: 'invalid', query: parsed.query, errors: parsed.errors };
      return { outcome: 'results', query: parsed.query, answer: await answer(parsed.query) };
    },
  };
}

export type SiteSearch = ReturnType<typeof createSiteSearch>;
