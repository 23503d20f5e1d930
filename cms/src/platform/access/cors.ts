/**
 * Cross-origin access: only the routes the site's islands call from a browser, and never with
 * credentials. Before, every route answered the site's origin with `Access-Control-Allow-Credentials`,
 * `/admin` included, so a script on the site's origin could mint admin tokens from the refresh cookie.
 */
import type { Context } from 'koa';

/** The routes the islands call: participation (forms, receipt status, ratings), the search's fallback, a workshop's free seats. */
const BROWSER_ROUTES = [/^\/api\/submissions$/, /^\/api\/submissions\/status(\/[^/]+)?$/, /^\/api\/ratings$/, /^\/api\/cerca$/, /^\/api\/bookings\/seats\/[^/]+$/];

export const isBrowserRoute = (path: string): boolean => BROWSER_ROUTES.some((route) => route.test(path));

/** The `origin` option of strapi::cors: the configured origins on browser routes, none elsewhere. */
export const corsOrigin =
  (origins: string[]) =>
  (ctx: Context): string[] =>
    isBrowserRoute(ctx.path) ? origins : [];
