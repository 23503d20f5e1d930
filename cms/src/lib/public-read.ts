/**
 * Route middleware for the public read routes (find, findOne) of every public type.
 *
 * Whatever the client asks, the public API answers with published content only and with the
 * populate tree declared for the type. Strapi's own `find` returns drafts on `?status=draft`
 * (see shared/STACK.md): forcing the status here closes that for every public route.
 */
import type { Core } from '@strapi/strapi';
import { POPULATE } from './populate';
import type { PublicType } from './content-types';

export const publicRead =
  (uid: PublicType): Core.MiddlewareHandler =>
  async (ctx, next) => {
    ctx.query = { ...ctx.query, status: 'published', populate: POPULATE[uid] };
    await next();
  };

/** The router config of a public type: read-only, published only, populated on the server. */
export const publicRouterConfig = (uid: PublicType) => ({
  only: ['find', 'findOne'] as ('find' | 'findOne')[],
  config: {
    find: { middlewares: [publicRead(uid)] },
    findOne: { middlewares: [publicRead(uid)] },
  },
});
