/**
 * The request log line (replaces `strapi::logger`, same format: method, URL, time, status), with the
 * receipt codes of the participation status lookups masked: a receipt is the key to a contribution's
 * state, and logs are read by more people than the moderators. No address, header or body is logged.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

export function loggableUrl(url: string): string {
  if (!url.startsWith('/api/submissions/status')) return url;
  return url.replace(/^\/api\/submissions\/status(\/[^?]*)?(\?.*)?$/, (_m, code?: string, query?: string) => `/api/submissions/status${code ? '/…' : ''}${query ? '?…' : ''}`);
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    const start = Date.now();
    await next();
    strapi.log.http(`${ctx.method} ${loggableUrl(ctx.url)} (${Math.ceil(Date.now() - start)} ms) ${ctx.status}`);
  };
