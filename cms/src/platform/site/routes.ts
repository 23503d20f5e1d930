/**
 * `GET /admin/coesione/site`: the public site's URL and where its rebuild stands, for the «Sul sito»
 * panel of the edit view. Any signed-in admin role reads it (route-policy.ts): nothing in it is private,
 * and it names no entry.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { siteStatus } from './status';

/** Adds the route to Strapi's admin router (prefix /admin); call before guardAdminRoutes. */
export function registerSiteRoutes(strapi: Core.Strapi): void {
  const holder = strapi.admin as unknown as { routes: Record<string, unknown> };
  holder.routes['coesione-site'] = {
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/coesione/site',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
        async handler(ctx: Context) {
          ctx.body = await siteStatus(strapi);
        },
      },
    ],
  };
}
