/**
 * «Il mio profilo di opportunità» for a browser without JavaScript (GET /api/per-te): the limit per client, the answers
 * read from the query, and @coesione/model's profileMatches on the published catalogue, the function the
 * site's page runs in the browser. Returns a value; the controller renders it. Nothing is stored, and the
 * answers are never logged (platform/logging.ts keeps only that there was a query).
 */
import { profileMatches, readProfileAnswers, type ProfileAnswers, type ProfileCatalogue, type ProfileMatches } from '@coesione/model';
import { envNumber, memoryLimiter, type Limiter, type LimitOptions } from '../../platform/security';

export type ProfileAnswer =
  | { outcome: 'results'; catalogue: ProfileCatalogue; answers: ProfileAnswers; problems: string[]; matches: ProfileMatches }
  | { outcome: 'rate-limited'; retryAfterMs: number };

/** Pages per client per window: a person changing answers never meets it, a scraper does (as the search's). */
export function profileLimitOptions(env: NodeJS.ProcessEnv = process.env): LimitOptions {
  return { limit: envNumber(env.PROFILE_RATE_LIMIT, 60), windowMs: envNumber(env.PROFILE_RATE_WINDOW_MS, 60_000) };
}

export interface ProfileDeps {
  catalogue: () => Promise<ProfileCatalogue>;
  limit: LimitOptions;
  /** Counts `limit`: the database's in the CMS (shared by its processes), memory by default. */
  limiter?: Limiter;
  now?: () => Date;
}

export function createProfile({ catalogue, limit, limiter = memoryLimiter(limit), now = () => new Date() }: ProfileDeps) {
  return {
    async answer(query: Record<string, unknown>, client: string): Promise<ProfileAnswer> {
      const slot = await limiter.take(client);
      if (!slot.ok) return { outcome: 'rate-limited', retryAfterMs: slot.retryAfterMs };
      const current = await catalogue();
      const { answers, problems } = readProfileAnswers(query, current);
      return { outcome: 'results', catalogue: current, answers, problems, matches: profileMatches(answers, current, now()) };
    },
  };
}

export type ProfileService = ReturnType<typeof createProfile>;
