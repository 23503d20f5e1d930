/**
 * The request log (replaces `strapi::logger`): one line per request, with its id. Every request gets an
 * id (the load balancer's `X-Request-Id` when it is a sane token, else a new UUID), kept in
 * `ctx.state.requestId` and sent back as `X-Request-Id`, errors included, so a user's report, a proxy's
 * log and ours meet on it. With `LOG_FORMAT=json` the line is a JSON object (src/platform/logging.ts); in text
 * mode it is Strapi's line (method, path, time, status) plus the id; neither carries the query string. The
 * receipt codes of the participation status lookups are masked in both: a receipt is the key to a
 * contribution's state, and logs are read by more people than the moderators. No address, header, body
 * or user id is logged.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errorStatus, logFormat, REQUEST_ID_HEADER, requestIdFor, requestLogEntry, requestTextLine } from '../platform/logging';

// Where the masking rule lives; the participation tests import it from here.
export { loggableUrl } from '../platform/logging';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const json = logFormat(process.env.LOG_FORMAT, process.env.NODE_ENV) === 'json';
  return async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFor(ctx.get(REQUEST_ID_HEADER) || undefined);
    ctx.state.requestId = requestId;
    ctx.set(REQUEST_ID_HEADER, requestId);
    let status = 500;
    try {
      await next();
      status = ctx.status;
    } catch (error) {
      // Past strapi::errors (which answers almost everything): Koa answers with the error's status.
      status = errorStatus(error);
      throw error;
    } finally {
      const facts = { requestId, method: ctx.method, url: ctx.originalUrl, status, ms: Number(process.hrtime.bigint() - started) / 1e6 };
      if (json) strapi.log.http('request', requestLogEntry(facts));
      else strapi.log.http(requestTextLine(facts));
    }
  };
};
