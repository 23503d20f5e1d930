/**
 * A per-client limit on Strapi's authentication endpoints, keyed on a salted hash of the client address
 * only. Strapi's own limiter keys on address + e-mail, so an attacker rotating the e-mail field gets a
 * fresh budget on every try; here the budget belongs to the address whatever the e-mail says.
 *
 * Counted: failed logins and password resets (answers ≥ 400), and every registration or forgot-password
 * request (they answer the same whether the address exists or not). A successful login costs nothing, so
 * editors working all day are never locked out. In the database, so every CMS process counts one budget.
 *
 * The endpoint is the route Strapi's router matches, not the raw path: the router ignores case and a
 * trailing slash, so `/admin/login/` and `/ADMIN/login` used to be logins without a limit.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { secret } from '../platform/runtime';
import { authLimitOptions, clientHash, databaseLimiter } from '../platform/security';

/** Paths under the limit, and whether every request counts (true) or only failed ones (false). */
export function authEndpoint(method: string, path: string): { countAll: boolean } | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/admin/login' || path === '/admin/reset-password' || path === '/api/auth/local' || path === '/api/auth/reset-password' || path === '/api/auth/change-password') {
    return { countAll: false };
  }
  if (path.startsWith('/admin/register') || path === '/admin/forgot-password' || path.startsWith('/api/auth/')) return { countAll: true };
  return undefined;
}

interface Layer {
  path: string;
  methods: string[];
}
interface MatchingRouter {
  match(path: string, method: string): { pathAndMethod: Layer[] };
}

/** The declared path of the route the router will run for this request, if any. */
export function matchedRoute(router: MatchingRouter, method: string, path: string): string | undefined {
  return router.match(path, method).pathAndMethod.filter((layer) => layer.methods.length > 0).at(-1)?.path;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const options = authLimitOptions();
  const limiter = databaseLimiter(() => strapi.db.connection, 'auth', options);
  const salt = secret('SUBMISSION_SALT');
  return async (ctx: Context, next: Next) => {
    // Strapi types its router as an opaque object; it is @koa/router's, whose `match` this uses.
    const route = ctx.method === 'POST' ? matchedRoute(strapi.server.router as unknown as MatchingRouter, ctx.method, ctx.path) : undefined;
    const endpoint = route ? authEndpoint(ctx.method, route) : undefined;
    if (!endpoint) return next();
    const key = clientHash(salt, ctx.request.ip);
    // Take the slot before the attempt, so parallel guesses are counted too; give it back on success.
    const slot = await limiter.take(key);
    if (!slot.ok) {
      const wait = slot.retryAfterMs;
      ctx.status = 429;
      ctx.set('Retry-After', String(Math.ceil(wait / 1000)));
      ctx.body = {
        data: null,
        error: {
          status: 429,
          name: 'RateLimitError',
          message: `Troppi tentativi di accesso da questo indirizzo: riprova tra ${Math.ceil(wait / 60_000)} minuti.`,
          details: {},
        },
      };
      return;
    }
    try {
      await next();
    } finally {
      if (!endpoint.countAll && ctx.status < 400) await slot.release();
    }
  };
};
