/**
 * Route middleware for the public read routes (find, findOne) of every public type.
 *
 * Whatever the client asks, the public API answers with published content only and with the
 * populate tree declared for the type. Strapi's own `find` returns drafts on `?status=draft`
 * (see shared/STACK.md): forcing the status here closes that for every public route. Filters, sorts
 * and fields must be among those declared for the type (access/public-query.ts), or the answer is a 400.
 */
import type { Core, UID } from '@strapi/strapi';
import { checkPublicQuery, publicQuery, type Model, type PublicQuery } from './access/public-query';
import { POPULATE } from './populate';
import { REFERENCE_TYPES, type PublicType } from './content-types';

const declarations = new Map<PublicType, PublicQuery>();

/** The declaration of a type, computed from its schema on first use (the schema is fixed at boot). */
function declared(uid: PublicType): PublicQuery {
  let query = declarations.get(uid);
  if (!query) {
    // Strapi's Schema type is richer than the attributes the declaration reads, and not assignable to it.
    const getModel = (model: string) => strapi.getModel(model as UID.Schema) as unknown as Model | undefined;
    query = publicQuery(uid, getModel, new Set<string>(REFERENCE_TYPES));
    declarations.set(uid, query);
  }
  return query;
}

export const publicRead =
  (uid: PublicType): Core.MiddlewareHandler =>
  async (ctx, next) => {
    checkPublicQuery(ctx.query as Record<string, unknown>, declared(uid));
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
