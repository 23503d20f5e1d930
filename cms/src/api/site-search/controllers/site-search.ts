/**
 * GET /api/cerca?q=…&tipo=…&comune=…&pagina=…  (the parameters of the site's /cerca/ page)
 *
 * Reads the request, asks the site-search service, renders its result: an Italian page for a browser
 * (the /cerca/ form with no JavaScript), JSON when the island asks for it (`Accept: application/json`).
 */
import { SEARCH_ROUTE } from '@coesione/search';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { secret } from '../../../platform/runtime';
import { clientHash, databaseLimiter } from '../../../platform/security';
import { contentEngine, meiliEngine } from '../../../features/site-search/engines';
import { invalidPage, resultsPage, tooManyPage, type PageContext } from '../../../features/site-search/html';
import { createSiteSearch, searchLimitOptions, type SiteSearchResult } from '../../../features/site-search/service';
import { contentSpeller } from '../../../features/site-search/vocabulary';
import { submissionOptions } from '../../../features/participation/options';

/** The comuni of the form's list, read again at most every five minutes. */
function comuneNames(strapi: Core.Strapi): () => Promise<string[]> {
  let cached: { at: number; names: Promise<string[]> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > 300_000) {
      const names = strapi
        .documents('api::municipality.municipality')
        .findMany({ fields: ['name'], sort: 'name:asc', limit: 1000 } as never)
        .then((rows) => (rows as { name: string }[]).map((r) => r.name));
      cached = { at: Date.now(), names };
      names.catch(() => (cached = undefined));
    }
    return cached.names;
  };
}

function render(ctx: Context, result: SiteSearchResult, context: PageContext): void {
  const json = ctx.accepts('html', 'json') === 'json';
  ctx.set('Cache-Control', 'no-store');
  const send = (status: number, html: string, body: unknown) => {
    ctx.status = status;
    if (json) ctx.body = body;
    else {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = html;
    }
  };
  switch (result.outcome) {
    case 'results':
      return send(200, resultsPage(result.query, result.answer, context), { data: result.answer });
    case 'invalid':
      return send(400, invalidPage(result.query, result.errors, context), {
        data: null,
        error: { status: 400, name: 'ValidationError', message: result.errors.map((e) => e.message).join(' '), details: { errors: result.errors.map((e) => ({ path: [e.param], message: e.message, name: 'ValidationError' })) } },
      });
    case 'rate-limited': {
      const minutes = Math.ceil(result.retryAfterMs / 60_000);
      ctx.set('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
      return send(429, tooManyPage(minutes, context), { data: null, error: { status: 429, name: 'RateLimitError', message: `Troppe ricerche: riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.`, details: {} } });
    }
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { siteUrl } = submissionOptions();
  const salt = secret('SUBMISSION_SALT');
  const url = process.env.MEILISEARCH_URL;
  const limit = searchLimitOptions();
  const service = createSiteSearch({
    primary: url ? meiliEngine({ url, searchKey: process.env.PUBLIC_SEARCH_KEY || undefined, masterKey: process.env.MEILI_MASTER_KEY || undefined }) : undefined,
    fallback: contentEngine(strapi as never),
    limit,
    limiter: databaseLimiter(() => strapi.db.connection, 'search', limit),
    log: strapi.log,
    speller: contentSpeller(strapi as never),
  });
  const comuni = comuneNames(strapi);

  return {
    async search(ctx: Context) {
      const result = await service.search(ctx.query as Record<string, unknown>, clientHash(salt, ctx.request.ip));
      render(ctx, result, { siteUrl, action: SEARCH_ROUTE, comuni: result.outcome === 'rate-limited' ? [] : await comuni() });
    },
  };
};
