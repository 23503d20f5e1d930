/**
 * GET /api/per-te?comune=…&eta=…&situazione=…&tema=…  (the questions of the site's /per-te/ page)
 *
 * Reads the request, asks the profile service, renders its result as an Italian page. The answers are
 * read from the query and forgotten with the response.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendPage } from '../../../platform/html';
import { secret } from '../../../platform/runtime';
import { clientHash, databaseLimiter } from '../../../platform/security';
import { siteUrl } from '../../../platform/site/options';
import { cachedCatalogue, publishedCatalogue } from '../../../features/profile/catalogue';
import { resultsPage, tooManyPage } from '../../../features/profile/html';
import { createProfile, profileLimitOptions } from '../../../features/profile/service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const site = siteUrl();
  const salt = secret('SUBMISSION_SALT');
  const limit = profileLimitOptions();
  const service = createProfile({
    catalogue: cachedCatalogue(() => publishedCatalogue(strapi as never)),
    limit,
    limiter: databaseLimiter(() => strapi.db.connection, 'profile', limit),
  });

  return {
    async show(ctx: Context) {
      const result = await service.answer(ctx.query as Record<string, unknown>, clientHash(salt, ctx.request.ip));
      if (result.outcome === 'rate-limited') {
        ctx.set('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
        return sendPage(ctx, 429, tooManyPage(Math.ceil(result.retryAfterMs / 60_000), { siteUrl: site }));
      }
      sendPage(ctx, 200, resultsPage(result.catalogue, result.answers, result.problems, result.matches, { siteUrl: site }));
    },
  };
};
