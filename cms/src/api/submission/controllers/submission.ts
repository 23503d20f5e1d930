/**
 * The public participation endpoints (custom routes, no core CRUD: the collection itself is private).
 * Each handler reads the request, asks the submission service, renders its result.
 *
 * POST /api/submissions         a proposal, a report or a rating (JSON from the islands, or a plain form post)
 * GET  /api/submissions/status  the state and public reply of a receipt (JSON, or HTML for a no-JS form)
 * GET  /api/ratings             accepted ratings as aggregates (average, count ≥ 3)
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { secret } from '../../../platform/runtime';
import { clientHash, databaseLimiter, databaseTokens } from '../../../platform/security';
import { allowedOrigins, readSubmission, type Format } from '../../../features/participation/http';
import { createNotifier } from '../../../features/participation/mail';
import { submissionOptions } from '../../../features/participation/options';
import { renderStatus, renderSubmit } from '../../../features/participation/render';
import { createSubmissionService } from '../../../features/participation/service';
import { submissionRepository } from '../../../features/participation/store';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const options = submissionOptions();
  const salt = secret('SUBMISSION_SALT');
  const db = () => strapi.db.connection;
  const service = createSubmissionService({
    options,
    salt,
    repository: submissionRepository(strapi),
    notify: createNotifier(strapi, options),
    // In the database, so every CMS process counts one limit and spends a token once.
    limiter: databaseLimiter(db, 'submission', { limit: options.rateLimit, windowMs: options.rateWindowMs }),
    tokens: databaseTokens(db),
  });
  const origins = allowedOrigins(options.siteUrl);
  const statusUrl = (receipt: string) => `${options.siteUrl}/partecipa/stato/?codice=${encodeURIComponent(receipt)}`;

  return {
    async create(ctx: Context) {
      const { format, body, back } = readSubmission(ctx, options.siteUrl, origins);
      const result = await service.submit({ format, body, client: clientHash(salt, ctx.request.ip) });
      renderSubmit(ctx, result, { format, back, statusUrl });
    },

    async status(ctx: Context) {
      const format: Format = ctx.accepts('json', 'html') === 'html' ? 'form' : 'json';
      const code = (ctx.params as { code?: string }).code ?? (ctx.query as Record<string, unknown>).codice;
      renderStatus(ctx, await service.status(code), format, `${options.siteUrl}/partecipa/stato/`);
    },

    async ratings(ctx: Context) {
      ctx.body = { data: await service.ratings() };
    },
  };
};
